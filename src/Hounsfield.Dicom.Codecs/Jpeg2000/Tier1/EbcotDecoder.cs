using System.Runtime.CompilerServices;
using static Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.EbcotContexts;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The EBCOT block decoder of T.800 Annex D: significance propagation, magnitude refinement and cleanup
/// passes over stripes of 4 rows with the MQ decoder, honouring every code-block style flag except HT.
/// One instance per thread (it keeps its state buffers between blocks).
/// </summary>
internal sealed unsafe class EbcotDecoder : ICodeBlockDecoder
{
    private int[] _flags = [];
    private byte[] _segment = new byte[256];
    private readonly byte[] _contexts = new byte[MqTables.ContextCount];
    private int _stride;
    private bool _endedInSignificancePass;

    // The state of one decoding call: pointers into pinned buffers.
    private int* _f;
    private int* _samples;
    private byte* _cx;
    private MqDecoder _mq;
    private int _width, _height, _zcBase;
    private bool _causal;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Decode(in CodeBlockInput block, Span<int> samples)
    {
        int width = block.Width, height = block.Height;
        _endedInSignificancePass = false;
        samples[..(width * height)].Clear();
        var firstPlane = block.MagnitudeBitPlanes - 1 - block.ZeroBitPlanes;
        if (block.PassCount == 0) return Math.Max(0, firstPlane + 1);
        if (firstPlane - (block.PassCount + 1) / 3 < 0)
            throw new DicomCodecException($"a code-block has {block.PassCount} coding passes but only {firstPlane + 1} bit-planes");
        var stride = width + 2;
        var size = stride * (height + 2);
        if (_flags.Length < size) _flags = new int[size];
        _flags.AsSpan(0, size).Clear();
        (_width, _height, _stride, _zcBase) = (width, height, stride, (int)block.Orientation * 256);
        _causal = (block.Style & CodeBlockStyle.VerticallyCausal) != 0;
        var pass = 0;
        var offset = 0;
        var plane = firstPlane;
        fixed (int* f = _flags)
        fixed (int* s = samples)
        fixed (byte* cx = _contexts)
        {
            _f = f;
            _samples = s;
            _cx = cx;
            MqTables.Reset(cx);
            foreach (var segment in block.Segments)
            {
                if (segment.Length < 0 || offset + segment.Length > block.Data.Length)
                    throw new DicomCodecException("a code-block segment overruns its data");
                if (_segment.Length < segment.Length + 2) _segment = new byte[segment.Length * 2 + 2];
                block.Data.Slice(offset, segment.Length).CopyTo(_segment);
                _segment[segment.Length] = 0xFF;
                _segment[segment.Length + 1] = 0xFF;
                offset += segment.Length;
                var raw = (block.Style & CodeBlockStyle.SelectiveBypass) != 0 && pass >= 10 && PassKind(pass) != 2;
                var bits = new RawDecoder(_segment.AsSpan(0, segment.Length));
                fixed (byte* data = _segment)
                {
                    _mq = new MqDecoder(data);
                    for (var i = 0; i < segment.PassCount; i++, pass++)
                    {
                        plane = firstPlane - (pass + 2) / 3;
                        if (plane < 0)
                            throw new DicomCodecException("a code-block has more coding passes than bit-planes");
                        if (pass > 0 && (block.Style & CodeBlockStyle.ResetContexts) != 0)
                            MqTables.Reset(cx);
                        switch (PassKind(pass))
                        {
                            case 0 when raw: SignificanceRaw(ref bits, plane); break;
                            case 0: Significance(plane); break;
                            case 1 when raw: RefinementRaw(ref bits, plane); break;
                            case 1: Refinement(plane); break;
                            default: Cleanup(plane, (block.Style & CodeBlockStyle.SegmentationSymbols) != 0); break;
                        }
                    }
                }
            }
            for (int y = 0, i = 0; y < height; y++)
            {
                var row = f + (y + 1) * stride + 1;
                for (var x = 0; x < width; x++, i++)
                    if ((row[x] & Negative) != 0) s[i] = -s[i];
            }
        }
        _endedInSignificancePass = PassKind(pass - 1) == 0;
        return plane;
    }

    /// <summary>
    /// After <see cref="Decode"/>: true when sample (x, y) is known one bit-plane less precisely than the
    /// returned P — it was significant but the block ended in a significance propagation pass that did not
    /// visit it — so its reconstruction midpoint is 2^P rather than 2^(P−1). An EBCOT-only refinement on
    /// top of the <see cref="ICodeBlockDecoder"/> contract; other block decoders do not offer it.
    /// </summary>
    public bool IsCoarser(int x, int y) =>
        _endedInSignificancePass && (_flags[(y + 1) * _stride + x + 1] & (Significant | Visited)) == Significant;

    // 0 significance propagation, 1 magnitude refinement, 2 cleanup (the first pass is a cleanup).
    private static int PassKind(int pass) => pass == 0 ? 2 : (pass - 1) % 3;

    private void MakeSignificant(int* at, int y, bool negative)
    {
        var s = _stride;
        *at |= Significant | (negative ? Negative : 0);
        if (!_causal || (y & 3) != 0)
        {
            at[-s] |= SigS | (negative ? NegS : 0);
            at[-s - 1] |= SigSE;
            at[-s + 1] |= SigSW;
        }
        at[s] |= SigN | (negative ? NegN : 0);
        at[s - 1] |= SigNE;
        at[s + 1] |= SigNW;
        at[-1] |= SigE | (negative ? NegE : 0);
        at[1] |= SigW | (negative ? NegW : 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool DecodeSign(ref MqDecoder mq, byte* cx, int flags)
    {
        var sc = SignCoding[SignIndex(flags)];
        return (mq.Decode(cx, sc & 0x1F) ^ (sc >> 7)) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    private void Significance(int plane)
    {
        var mq = _mq;
        var cxs = _cx;
        var one = 1 << plane;
        int s = _stride, w = _width;
        for (var y0 = 0; y0 < _height; y0 += 4)
        {
            var rows = Math.Min(4, _height - y0);
            var column = _f + (y0 + 1) * s + 1;
            for (var x = 0; x < w; x++, column++)
            {
                // Nothing to do in a column of the stripe with no significant neighbours.
                var any = column[0];
                for (var k = 1; k < rows; k++) any |= column[k * s];
                if ((any & NeighbourMask) == 0) continue;
                for (var k = 0; k < rows; k++)
                {
                    var at = column + k * s;
                    var f = *at;
                    if ((f & Significant) != 0 || (f & NeighbourMask) == 0) continue;
                    if (mq.Decode(cxs, ZeroCoding[_zcBase + (f & NeighbourMask)]) != 0)
                    {
                        _samples[(y0 + k) * w + x] = one;
                        MakeSignificant(at, y0 + k, DecodeSign(ref mq, cxs, f));
                    }
                    *at |= Visited;
                }
            }
        }
        _mq = mq;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    private void SignificanceRaw(ref RawDecoder bits, int plane)
    {
        var one = 1 << plane;
        for (var y0 = 0; y0 < _height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, _height);
            for (var x = 0; x < _width; x++)
                for (var y = y0; y < y1; y++)
                {
                    var at = _f + (y + 1) * _stride + x + 1;
                    var f = *at;
                    if ((f & Significant) != 0 || (f & NeighbourMask) == 0) continue;
                    if (bits.Decode() != 0)
                    {
                        var negative = bits.Decode() != 0;
                        _samples[y * _width + x] = one;
                        MakeSignificant(at, y, negative);
                    }
                    *at |= Visited;
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    private void Refinement(int plane)
    {
        var mq = _mq;
        var cxs = _cx;
        var one = 1 << plane;
        int s = _stride, w = _width;
        for (var y0 = 0; y0 < _height; y0 += 4)
        {
            var rows = Math.Min(4, _height - y0);
            var column = _f + (y0 + 1) * s + 1;
            for (var x = 0; x < w; x++, column++)
            {
                var any = column[0];
                for (var k = 1; k < rows; k++) any |= column[k * s];
                if ((any & Significant) == 0) continue;
                for (var k = 0; k < rows; k++)
                {
                    var at = column + k * s;
                    var f = *at;
                    if ((f & (Significant | Visited)) != Significant) continue;
                    var cx = (f & Refined) != 0 ? 16 : (f & NeighbourMask) != 0 ? 15 : 14;
                    if (mq.Decode(cxs, cx) != 0) _samples[(y0 + k) * w + x] |= one;
                    *at = f | Refined;
                }
            }
        }
        _mq = mq;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    private void RefinementRaw(ref RawDecoder bits, int plane)
    {
        var one = 1 << plane;
        for (var y0 = 0; y0 < _height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, _height);
            for (var x = 0; x < _width; x++)
                for (var y = y0; y < y1; y++)
                {
                    var at = _f + (y + 1) * _stride + x + 1;
                    var f = *at;
                    if ((f & (Significant | Visited)) != Significant) continue;
                    if (bits.Decode() != 0) _samples[y * _width + x] |= one;
                    *at = f | Refined;
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    private void Cleanup(int plane, bool segmentationSymbols)
    {
        var mq = _mq;
        var cxs = _cx;
        var one = 1 << plane;
        int s = _stride, w = _width;
        const int busy = NeighbourMask | Significant | Visited;
        for (var y0 = 0; y0 < _height; y0 += 4)
        {
            var rows = Math.Min(4, _height - y0);
            var column = _f + (y0 + 1) * s + 1;
            for (var x = 0; x < w; x++, column++)
            {
                var k = 0;
                if (rows == 4 && ((column[0] | column[s] | column[2 * s] | column[3 * s]) & busy) == 0)
                {
                    if (mq.Decode(cxs, MqTables.RunLength) == 0) continue;
                    k = mq.Decode(cxs, MqTables.Uniform) << 1;
                    k |= mq.Decode(cxs, MqTables.Uniform);
                    var at = column + k * s;
                    _samples[(y0 + k) * w + x] = one;
                    MakeSignificant(at, y0 + k, DecodeSign(ref mq, cxs, *at));
                    k++;
                }
                for (; k < rows; k++)
                {
                    var at = column + k * s;
                    var f = *at;
                    if ((f & (Significant | Visited)) == 0 && mq.Decode(cxs, ZeroCoding[_zcBase + (f & NeighbourMask)]) != 0)
                    {
                        _samples[(y0 + k) * w + x] = one;
                        MakeSignificant(at, y0 + k, DecodeSign(ref mq, cxs, f));
                    }
                }
            }
            // Visited marks only live for one bit-plane: clear them for this stripe.
            for (var k = 0; k < rows; k++)
            {
                var row = _f + (y0 + k + 1) * s + 1;
                for (var x = 0; x < w; x++) row[x] &= ~Visited;
            }
        }
        if (segmentationSymbols)
            for (var i = 0; i < 4; i++) mq.Decode(cxs, MqTables.Uniform);
        _mq = mq;
    }
}
