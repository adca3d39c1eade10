using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.JpegLs;

/// <summary>
/// Encodes the samples of one scan (T.87 Annex A): regular mode with context modelling and
/// limited-length Golomb codes, run mode with the J table, and bit stuffing after 0xFF (A.1).
/// </summary>
internal sealed class JpegLsScanEncoder
{
    private byte[] _buffer;
    private int _pos;
    private ulong _acc;
    private int _count;
    private bool _afterFF;

    private readonly JpegLsParameters _p;
    private readonly JpegLsContext _ctx;
    private readonly sbyte[] _quant;

    public JpegLsScanEncoder(byte[] buffer, int position, JpegLsParameters p, sbyte[] quant)
    {
        _buffer = buffer;
        _pos = position;
        _p = p;
        _quant = quant;
        _ctx = new JpegLsContext(p);
    }

    public byte[] Buffer => _buffer;

    public int Position => _pos;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(int value, int n)
    {
        _acc = (_acc << n) | (uint)value;
        _count += n;
        if (_count > 32)
            Drain();
    }

    private void Drain()
    {
        if (_pos + 16 > _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        var buffer = _buffer;
        while (_count >= (_afterFF ? 7 : 8))
        {
            byte b;
            if (_afterFF)
            {
                b = (byte)((_acc >> (_count - 7)) & 0x7F);
                _count -= 7;
            }
            else
            {
                b = (byte)(_acc >> (_count - 8));
                _count -= 8;
            }
            buffer[_pos++] = b;
            _afterFF = b == 0xFF;
        }
    }

    /// <summary>Pads the last byte with zero bits; a final 0xFF gets a zero byte after it.</summary>
    public void Flush()
    {
        Drain();
        if (_count > 0)
        {
            var free = (_afterFF ? 7 : 8) - _count;
            Put(0, free);
            Drain();
        }
        if (_afterFF)
        {
            _buffer[_pos++] = 0;
            _afterFF = false;
        }
        _acc = 0;
        _count = 0;
    }

    private void PutGolomb(int value, int k, int limit)
    {
        var high = value >> k;
        var qbpp = _p.Qbpp;
        if (high < limit - qbpp - 1)
        {
            PutZeros(high);
            Put((1 << k) | (value & ((1 << k) - 1)), k + 1);
        }
        else
        {
            PutZeros(limit - qbpp - 1);
            Put(1, 1);
            Put((value - 1) & ((1 << qbpp) - 1), qbpp);
        }
    }

    private void PutZeros(int n)
    {
        while (n > 24)
        {
            Put(0, 24);
            n -= 24;
        }
        if (n > 0)
            Put(0, n);
    }

    /// <summary>
    /// Encodes one line of one component; <paramref name="cur"/> holds the source samples at index
    /// x + 1 and receives the reconstructed values (which differ when NEAR &gt; 0).
    /// </summary>
    public void EncodeLine(int[] prev, int[] cur, int width, ref int runIndex)
    {
        var p = _p;
        var near = p.Near;
        var maxVal = p.MaxVal;
        var near2p1 = 2 * near + 1;
        var range = p.Range;
        var limit = p.Limit;
        var reset = p.Reset;
        var regular = _ctx.Regular;
        ref var q0 = ref _quant[maxVal];
        cur[0] = prev[1];
        prev[width + 1] = prev[width];
        var x = 0;
        while (x < width)
        {
            var ra = cur[x];
            var rb = prev[x + 1];
            var rc = prev[x];
            var rd = prev[x + 2];
            var d1 = rd - rb;
            var d2 = rb - rc;
            var d3 = rc - ra;
            if (near == 0 ? (d1 | d2 | d3) == 0 : Math.Abs(d1) <= near && Math.Abs(d2) <= near && Math.Abs(d3) <= near)
            {
                x = EncodeRun(prev, cur, x, width, ref runIndex);
                continue;
            }
            var qs = 81 * Unsafe.Add(ref q0, d1) + 9 * Unsafe.Add(ref q0, d2) + Unsafe.Add(ref q0, d3);
            int px;
            var max = ra > rb ? ra : rb;
            var min = ra > rb ? rb : ra;
            if (rc >= max) px = min;
            else if (rc <= min) px = max;
            else px = ra + rb - rc;
            int sign;
            if (qs < 0)
            {
                qs = -qs;
                sign = -1;
            }
            else
            {
                sign = 1;
            }
            ref var cx = ref regular[qs];
            px += sign * cx.C;
            if (px < 0) px = 0;
            else if (px > maxVal) px = maxVal;

            var ix = cur[x + 1];
            var errval = sign * (ix - px);
            if (near > 0)
            {
                errval = errval > 0 ? (near + errval) / near2p1 : -((near - errval) / near2p1);
                var rx = px + sign * errval * near2p1;
                cur[x + 1] = rx < 0 ? 0 : rx > maxVal ? maxVal : rx;
            }
            if (errval < 0) errval += range;
            if (errval >= (range + 1) >> 1) errval -= range;

            var k = cx.GolombK();
            int m;
            if (near == 0 && k == 0 && 2 * cx.B <= -cx.N)
                m = errval >= 0 ? 2 * errval + 1 : -2 * (errval + 1);
            else
                m = errval >= 0 ? 2 * errval : -2 * errval - 1;
            PutGolomb(m, k, limit);
            cx.Update(errval, near2p1, reset);
            x++;
        }
    }

    private int EncodeRun(int[] prev, int[] cur, int x, int width, ref int runIndex)
    {
        var near = _p.Near;
        var runVal = cur[x];
        var start = x;
        while (x < width && Math.Abs(cur[x + 1] - runVal) <= near)
        {
            cur[x + 1] = runVal;
            x++;
        }
        var runCount = x - start;
        var j = JpegLsContext.J;
        while (runCount >= 1 << j[runIndex])
        {
            Put(1, 1);
            runCount -= 1 << j[runIndex];
            if (runIndex < 31)
                runIndex++;
        }
        if (x == width)
        {
            if (runCount > 0)
                Put(1, 1);
            return width;
        }
        Put(0, 1);
        if (j[runIndex] > 0)
            Put(runCount, j[runIndex]);
        cur[x + 1] = EncodeRunInterruption(cur[x + 1], runVal, prev[x + 1], runIndex);
        if (runIndex > 0)
            runIndex--;
        return x + 1;
    }

    private int EncodeRunInterruption(int ix, int ra, int rb, int runIndex, bool sampleInterleaved = false)
    {
        var p = _p;
        var near = p.Near;
        var near2p1 = 2 * near + 1;
        var riType = !sampleInterleaved && Math.Abs(ra - rb) <= near ? 1 : 0;
        var px = riType == 1 ? ra : rb;
        var sign = riType == 0 && ra > rb ? -1 : 1;
        var errval = sign * (ix - px);
        var rx = ix;
        if (near > 0)
        {
            errval = errval > 0 ? (near + errval) / near2p1 : -((near - errval) / near2p1);
            rx = Math.Clamp(px + sign * errval * near2p1, 0, p.MaxVal);
        }
        var range = p.Range;
        if (errval < 0) errval += range;
        if (errval >= (range + 1) >> 1) errval -= range;

        var ctx = _ctx;
        var k = ctx.RunGolombK(riType);
        var n = ctx.RunN[riType];
        var nn = ctx.RunNn[riType];
        var map = (k == 0 && errval > 0 && 2 * nn < n) || (errval < 0 && (2 * nn >= n || k != 0)) ? 1 : 0;
        var em = 2 * Math.Abs(errval) - riType - map;
        PutGolomb(em, k, p.Limit - JpegLsContext.J[runIndex] - 1);
        ctx.UpdateRunInterruption(riType, errval, em, p.Reset);
        return rx;
    }

    /// <summary>
    /// Encodes one line of a sample-interleaved scan (ILV = 2); the mirror of
    /// <see cref="JpegLsScanDecoder.DecodeLineInterleaved"/>.
    /// </summary>
    public void EncodeLineInterleaved(int[][] prev, int[][] cur, int components, int width, ref int runIndex)
    {
        var near = _p.Near;
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
                x = EncodeRunInterleaved(prev, cur, components, x, width, ref runIndex);
                continue;
            }
            for (var c = 0; c < components; c++)
                cur[c][x + 1] = EncodeRegular(cur[c][x + 1], cur[c][x], prev[c][x + 1], prev[c][x], prev[c][x + 2]);
            x++;
        }
    }

    private int EncodeRegular(int ix, int ra, int rb, int rc, int rd)
    {
        var p = _p;
        var near = p.Near;
        var maxVal = p.MaxVal;
        var near2p1 = 2 * near + 1;
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
        var errval = sign * (ix - px);
        var rx = ix;
        if (near > 0)
        {
            errval = errval > 0 ? (near + errval) / near2p1 : -((near - errval) / near2p1);
            rx = Math.Clamp(px + sign * errval * near2p1, 0, maxVal);
        }
        if (errval < 0) errval += p.Range;
        if (errval >= (p.Range + 1) >> 1) errval -= p.Range;
        var k = cx.GolombK();
        int m;
        if (near == 0 && k == 0 && 2 * cx.B <= -cx.N)
            m = errval >= 0 ? 2 * errval + 1 : -2 * (errval + 1);
        else
            m = errval >= 0 ? 2 * errval : -2 * errval - 1;
        PutGolomb(m, k, p.Limit);
        cx.Update(errval, near2p1, p.Reset);
        return rx;
    }

    private int EncodeRunInterleaved(int[][] prev, int[][] cur, int components, int x, int width, ref int runIndex)
    {
        var near = _p.Near;
        var start = x;
        while (x < width)
        {
            var same = true;
            for (var c = 0; c < components && same; c++)
                same = Math.Abs(cur[c][x + 1] - cur[c][start]) <= near;
            if (!same)
                break;
            for (var c = 0; c < components; c++)
                cur[c][x + 1] = cur[c][start];
            x++;
        }
        var runCount = x - start;
        var j = JpegLsContext.J;
        while (runCount >= 1 << j[runIndex])
        {
            Put(1, 1);
            runCount -= 1 << j[runIndex];
            if (runIndex < 31)
                runIndex++;
        }
        if (x == width)
        {
            if (runCount > 0)
                Put(1, 1);
            return width;
        }
        Put(0, 1);
        if (j[runIndex] > 0)
            Put(runCount, j[runIndex]);
        for (var c = 0; c < components; c++)
            cur[c][x + 1] = EncodeRunInterruption(cur[c][x + 1], cur[c][x], prev[c][x + 1], runIndex, sampleInterleaved: true);
        if (runIndex > 0)
            runIndex--;
        return x + 1;
    }
}
