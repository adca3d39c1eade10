using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hounsfield.Dicom.Codecs.JpegLs;

/// <summary>
/// Decodes the entropy-coded data of one scan (T.87 Annex A, inverted as in Annex F). Bytes after
/// 0xFF carry seven bits (A.1); a 0xFF followed by a byte with its high bit set ends the scan.
/// Reading past the end of the scan feeds zero bits, which the Golomb length limit turns into an
/// error, so corrupt input cannot make decoding loop.
/// </summary>
internal sealed unsafe class JpegLsScanDecoder
{
    private readonly byte* _data;
    private int _pos;
    private int _end;
    private ulong _cache;
    private int _bits;
    private bool _afterFF;
    private long _fakeBits;

    private readonly JpegLsParameters _p;
    private readonly JpegLsContext _ctx;
    private readonly sbyte[] _quant;

    public JpegLsScanDecoder(byte* data, int start, int end, JpegLsParameters p, sbyte[] quant)
    {
        _data = data;
        _pos = start;
        _end = end;
        _p = p;
        _quant = quant;
        _ctx = new JpegLsContext(p);
    }

    /// <summary>The offset of the first byte not loaded into the bit cache.</summary>
    public int Position => _pos;

    /// <summary>Throws when the scan consumed bits beyond the end of the data.</summary>
    public void CheckNotTruncated()
    {
        if (_fakeBits > _bits)
            throw new DicomCodecException("the JPEG-LS scan ends before its last sample");
    }

    private void Fill()
    {
        // Fast path: take as many whole bytes as fit when none of them is 0xFF.
        if (!_afterFF && _pos + 8 <= _end)
        {
            var v = BinaryPrimitives.ReadUInt64BigEndian(new ReadOnlySpan<byte>(_data + _pos, 8));
            var n = (64 - _bits) >> 3;
            var top = n == 8 ? ulong.MaxValue : ~(ulong.MaxValue >> (8 * n));
            var inverted = ~v; // 0xFF bytes become zero bytes
            var ffBytes = (inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL;
            if ((ffBytes & top) == 0)
            {
                _cache |= (v & top) >> _bits;
                _bits += 8 * n;
                _pos += n;
                return;
            }
        }
        while (_bits <= 56)
        {
            if (_pos >= _end)
            {
                _bits += 8;
                _fakeBits += 8;
                continue;
            }
            var b = _data[_pos];
            if (_afterFF)
            {
                _cache |= (ulong)b << (57 - _bits);
                _bits += 7;
                _pos++;
                _afterFF = false;
            }
            else if (b == 0xFF)
            {
                if (_pos + 1 >= _end || _data[_pos + 1] >= 0x80)
                {
                    _end = _pos; // a marker: the scan ends here
                    continue;
                }
                _cache |= (ulong)b << (56 - _bits);
                _bits += 8;
                _pos++;
                _afterFF = true;
            }
            else
            {
                _cache |= (ulong)b << (56 - _bits);
                _bits += 8;
                _pos++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadBits(int n)
    {
        if (n == 0)
            return 0;
        if (_bits < n)
            Fill();
        var v = (int)(_cache >> (64 - n));
        _cache <<= n;
        _bits -= n;
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadBit()
    {
        if (_bits < 1)
            Fill();
        var v = (int)(_cache >> 63);
        _cache <<= 1;
        _bits--;
        return v;
    }

    /// <summary>Limited-length Golomb code (A.5.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadGolomb(int k, int limit)
    {
        if (_bits < 32)
            Fill();
        var cache = _cache;
        var zeros = BitOperations.LeadingZeroCount(cache);
        var total = zeros + 1 + k;
        if (zeros < limit - _p.Qbpp - 1 && total <= _bits && total < 64)
        {
            // Unary prefix, the 1 bit and k low bits straight from the cache.
            var low = (int)((cache << (zeros + 1)) >> (63 - k) >> 1);
            _cache = cache << total;
            _bits -= total;
            return (zeros << k) | low;
        }
        return ReadGolombSlow(k, limit);
    }

    private int ReadGolombSlow(int k, int limit)
    {
        var zeros = 0;
        var maxZeros = limit - _p.Qbpp - 1;
        while (ReadBit() == 0)
        {
            if (++zeros > maxZeros)
                throw new DicomCodecException("JPEG-LS Golomb code exceeds LIMIT");
        }
        if (zeros < maxZeros)
            return k == 0 ? zeros : (zeros << k) | ReadBits(k);
        return ReadBits(_p.Qbpp) + 1;
    }

    /// <summary>
    /// Decodes one line of one component. <paramref name="prev"/> and <paramref name="cur"/> hold the
    /// line with one sample of margin on each side: index x + 1 is column x.
    /// </summary>
    public void DecodeLine(int[] prev, int[] cur, int width, ref int runIndex)
    {
        var p = _p;
        var near = p.Near;
        var maxVal = p.MaxVal;
        var near2p1 = 2 * near + 1;
        var range = p.Range;
        var reset = p.Reset;
        var limit = p.Limit;
        ref var regular = ref MemoryMarshal.GetArrayDataReference(_ctx.Regular);
        ref var q0 = ref _quant[maxVal];
        cur[0] = prev[1];
        prev[width + 1] = prev[width];
        // prev and cur hold width + 2 samples; x + 2 <= width + 1 below, so the unchecked reads stay inside.
        ref var p0 = ref MemoryMarshal.GetArrayDataReference(prev);
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(cur);
        var x = 0;
        while (x < width)
        {
            var ra = Unsafe.Add(ref c0, x);
            var rb = Unsafe.Add(ref p0, x + 1);
            var rc = Unsafe.Add(ref p0, x);
            var rd = Unsafe.Add(ref p0, x + 2);
            var d1 = rd - rb;
            var d2 = rb - rc;
            var d3 = rc - ra;
            if (near == 0)
            {
                if ((d1 | d2 | d3) == 0)
                {
                    x = DecodeRun(prev, cur, x, width, ref runIndex);
                    continue;
                }
            }
            else if (Math.Abs(d1) <= near && Math.Abs(d2) <= near && Math.Abs(d3) <= near)
            {
                x = DecodeRun(prev, cur, x, width, ref runIndex);
                continue;
            }
            var qs = 81 * Unsafe.Add(ref q0, d1) + 9 * Unsafe.Add(ref q0, d2) + Unsafe.Add(ref q0, d3);

            // Branch-free forms of A.4.1 (median edge detector), A.3.4 (sign) and A.5.2 (unmapping):
            // noisy images make these branches unpredictable.
            var px = Math.Clamp(ra + rb - rc, Math.Min(ra, rb), Math.Max(ra, rb));
            var signMask = qs >> 31; // 0 or -1
            var sign = signMask | 1;
            ref var cx = ref Unsafe.Add(ref regular, (qs ^ signMask) - signMask); // |qs| <= 364 by construction
            px = Math.Min(Math.Max(px + sign * cx.C, 0), maxVal);

            var k = cx.GolombK();
            var m = ReadGolomb(k, limit);
            var special = near == 0 && k == 0 && 2 * cx.B <= -cx.N ? 1 : 0;
            var errval = (m >> 1) ^ -((m & 1) ^ special);
            cx.Update(errval, near2p1, reset);

            var rx = px + sign * errval * near2p1;
            if (rx < -near) rx += range * near2p1;
            else if (rx > maxVal + near) rx -= range * near2p1;
            if (rx < 0) rx = 0;
            else if (rx > maxVal) rx = maxVal;
            Unsafe.Add(ref c0, x + 1) = rx;
            x++;
        }
    }

    private int DecodeRun(int[] prev, int[] cur, int x, int width, ref int runIndex)
    {
        var ra = cur[x];
        var j = JpegLsContext.J;
        while (true)
        {
            if (ReadBit() == 1)
            {
                var count = 1 << j[runIndex];
                var remaining = width - x;
                if (count > remaining)
                {
                    cur.AsSpan(x + 1, remaining).Fill(ra);
                    return width;
                }
                cur.AsSpan(x + 1, count).Fill(ra);
                x += count;
                if (runIndex < 31)
                    runIndex++;
                if (x == width)
                    return width;
            }
            else
            {
                var count = ReadBits(j[runIndex]);
                if (count >= width - x)
                    throw new DicomCodecException("JPEG-LS run extends past the end of the line");
                cur.AsSpan(x + 1, count).Fill(ra);
                x += count;
                cur[x + 1] = DecodeRunInterruption(cur[x], prev[x + 1], runIndex);
                if (runIndex > 0)
                    runIndex--;
                return x + 1;
            }
        }
    }

    // In sample-interleaved scans every component of the interrupting pixel is predicted from Rb
    // with the RItype 0 context, which is how the encoder behind DCMTK codes it.
    private int DecodeRunInterruption(int ra, int rb, int runIndex, bool sampleInterleaved = false)
    {
        var p = _p;
        var near = p.Near;
        var riType = !sampleInterleaved && Math.Abs(ra - rb) <= near ? 1 : 0;
        var px = riType == 1 ? ra : rb;
        var sign = riType == 0 && ra > rb ? -1 : 1;
        var errval = DecodeRunInterruptionError(riType, runIndex);
        var near2p1 = 2 * near + 1;
        var rx = px + sign * errval * near2p1;
        if (rx < -near) rx += p.Range * near2p1;
        else if (rx > p.MaxVal + near) rx -= p.Range * near2p1;
        if (rx < 0) rx = 0;
        else if (rx > p.MaxVal) rx = p.MaxVal;
        return rx;
    }

    private int DecodeRunInterruptionError(int riType, int runIndex)
    {
        var ctx = _ctx;
        var k = ctx.RunGolombK(riType);
        var em = ReadGolomb(k, _p.Limit - JpegLsContext.J[runIndex] - 1);
        var t = em + riType;
        var map = t & 1;
        var abs = (t + map) >> 1;
        var cond = k == 0 && 2 * ctx.RunNn[riType] < ctx.RunN[riType];
        var errval = (map == 1) != cond ? -abs : abs;
        ctx.UpdateRunInterruption(riType, errval, em, _p.Reset);
        return errval;
    }

    /// <summary>
    /// Decodes one line of a sample-interleaved scan (ILV = 2): all components of a pixel in turn,
    /// run mode only when every component's local gradients are within NEAR (A.8, B.3).
    /// </summary>
    public void DecodeLineInterleaved(int[][] prev, int[][] cur, int components, int width, ref int runIndex)
    {
        var p = _p;
        var near = p.Near;
        for (var c = 0; c < components; c++)
        {
            cur[c][0] = prev[c][1];
            prev[c][width + 1] = prev[c][width];
        }
        var x = 0;
        while (x < width)
        {
            var flat = true;
            for (var c = 0; c < components && flat; c++)
            {
                var pc = prev[c];
                var ra = cur[c][x];
                flat = Math.Abs(pc[x + 2] - pc[x + 1]) <= near && Math.Abs(pc[x + 1] - pc[x]) <= near && Math.Abs(pc[x] - ra) <= near;
            }
            if (flat)
            {
                x = DecodeRunInterleaved(prev, cur, components, x, width, ref runIndex);
                continue;
            }
            for (var c = 0; c < components; c++)
                cur[c][x + 1] = DecodeRegular(cur[c][x], prev[c][x + 1], prev[c][x], prev[c][x + 2]);
            x++;
        }
    }

    private int DecodeRegular(int ra, int rb, int rc, int rd)
    {
        var p = _p;
        var near = p.Near;
        var maxVal = p.MaxVal;
        var qs = 81 * _quant[rd - rb + maxVal] + 9 * _quant[rb - rc + maxVal] + _quant[rc - ra + maxVal];
        int px;
        var max = Math.Max(ra, rb);
        var min = Math.Min(ra, rb);
        if (rc >= max) px = min;
        else if (rc <= min) px = max;
        else px = ra + rb - rc;
        var sign = qs < 0 ? -1 : 1;
        ref var cx = ref _ctx.Regular[qs < 0 ? -qs : qs];
        px = Math.Clamp(px + sign * cx.C, 0, maxVal);
        var k = cx.GolombK();
        var m = ReadGolomb(k, p.Limit);
        int errval;
        if (near == 0 && k == 0 && 2 * cx.B <= -cx.N)
            errval = (m & 1) != 0 ? (m - 1) >> 1 : -(m >> 1) - 1;
        else
            errval = (m & 1) != 0 ? -((m + 1) >> 1) : m >> 1;
        var near2p1 = 2 * near + 1;
        cx.Update(errval, near2p1, p.Reset);
        var rx = px + sign * errval * near2p1;
        if (rx < -near) rx += p.Range * near2p1;
        else if (rx > maxVal + near) rx -= p.Range * near2p1;
        return Math.Clamp(rx, 0, maxVal);
    }

    private int DecodeRunInterleaved(int[][] prev, int[][] cur, int components, int x, int width, ref int runIndex)
    {
        var j = JpegLsContext.J;
        while (true)
        {
            if (ReadBit() == 1)
            {
                var count = Math.Min(1 << j[runIndex], width - x);
                for (var c = 0; c < components; c++)
                    cur[c].AsSpan(x + 1, count).Fill(cur[c][x]);
                var full = count == 1 << j[runIndex];
                x += count;
                if (full && runIndex < 31)
                    runIndex++;
                if (x == width)
                    return width;
            }
            else
            {
                var count = ReadBits(j[runIndex]);
                if (count >= width - x)
                    throw new DicomCodecException("JPEG-LS run extends past the end of the line");
                for (var c = 0; c < components; c++)
                    cur[c].AsSpan(x + 1, count).Fill(cur[c][x]);
                x += count;
                for (var c = 0; c < components; c++)
                    cur[c][x + 1] = DecodeRunInterruption(cur[c][x], prev[c][x + 1], runIndex, sampleInterleaved: true);
                if (runIndex > 0)
                    runIndex--;
                return x + 1;
            }
        }
    }
}
