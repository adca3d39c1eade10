using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private int[] _magnitudes = [];
    private byte[] _segment = new byte[256];
    private readonly uint[] _contexts = new uint[MqTables.ContextCount];
    private int _stride;

    // The state of one decoding call: pointers into pinned buffers.
    private int* _f;
    private nint _toMagnitude;
    private uint* _cx;
    private byte* _zc;
    private MqDecoder _mq;
    private int _width, _height;
    private bool _causal;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Decode(in CodeBlockInput block, Span<int> samples)
    {
        int width = block.Width, height = block.Height;
        EndedInSignificancePass = false;
        var firstPlane = block.MagnitudeBitPlanes - 1 - block.ZeroBitPlanes;
        if (block.PassCount == 0)
        {
            samples[..(width * height)].Clear();
            return Math.Max(0, firstPlane + 1);
        }
        if (firstPlane - (block.PassCount + 1) / 3 < 0)
            throw new DicomCodecException($"a code-block has {block.PassCount} coding passes but only {firstPlane + 1} bit-planes");
        var stride = EbcotContexts.PrepareLayout(ref _flags, ref _magnitudes, width, height);
        _magnitudes.AsSpan(0, stride * (((height + 3) & ~3) + 2)).Clear();
        (_width, _height, _stride) = (width, height, stride);
        _causal = (block.Style & CodeBlockStyle.VerticallyCausal) != 0;
        var pass = 0;
        var offset = 0;
        var plane = firstPlane;
        fixed (int* f = _flags)
        fixed (int* m = _magnitudes)
        fixed (uint* cx = _contexts)
        fixed (byte* zc = &ZeroCoding[(int)block.Orientation * 256])
        {
            _zc = zc;
            _f = f;
            _toMagnitude = (nint)(m - f);
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
            for (var y = 0; y < height; y++)
            {
                var row = f + (y + 1) * stride + 1;
                var magnitude = row + _toMagnitude;
                var target = samples.Slice(y * width, width);
                for (var x = 0; x < target.Length; x++)
                {
                    var negative = (row[x] << 16) >> 31; // all ones when Negative (bit 15) is set
                    target[x] = (magnitude[x] ^ negative) - negative;
                }
            }
        }
        EndedInSignificancePass = PassKind(pass - 1) == 0;
        return plane;
    }

    /// <summary>After <see cref="Decode"/>: the last pass decoded was a significance propagation pass, so <see cref="IsCoarser"/> may be true.</summary>
    public bool EndedInSignificancePass { get; private set; }

    /// <summary>
    /// After <see cref="Decode"/>: true when sample (x, y) is known one bit-plane less precisely than the
    /// returned P — it was significant but the block ended in a significance propagation pass that did not
    /// visit it — so its reconstruction midpoint is 2^P rather than 2^(P−1). An EBCOT-only refinement on
    /// top of the <see cref="ICodeBlockDecoder"/> contract; other block decoders do not offer it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsCoarser(int x, int y) =>
        EndedInSignificancePass && (_flags[(y + 1) * _stride + x + 1] & (Significant | Visited)) == Significant;

    // 0 significance propagation, 1 magnitude refinement, 2 cleanup (the first pass is a cleanup).
    private static int PassKind(int pass) => pass == 0 ? 2 : (pass - 1) % 3;

    // A sample became significant: tells its neighbours and returns its sign bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Sign(int* at, int s, bool negative, bool hideFromAbove)
    {
        MakeSignificant(at, s, negative, hideFromAbove);
        return negative ? Negative : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool DecodeSign(ref MqDecoder mq, uint* cx, int flags)
    {
        var sc = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(SignCoding), SignIndex(flags));
        return (mq.Decode(cx, sc & 0x1F) ^ (sc >> 7)) != 0;
    }

    // The per-sample steps of a stripe column. Only the first row of a stripe can hide its significance
    // from the stripe above (vertically causal); significance propagation handles that row apart so the
    // other rows pass a constant false.

    // Significance propagation (D.3.1): an insignificant sample with a significant neighbour.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Propagate(ref MqDecoder mq, uint* cx, byte* zc, int* at, nint m, int s, int one, bool hideFromAbove)
    {
        var f = *at;
        if ((f & Significant) != 0 || (f & NeighbourMask) == 0) return;
        if (mq.Decode(cx, zc[f & NeighbourMask]) != 0)
        {
            at[m] = one;
            f |= Significant | Sign(at, s, DecodeSign(ref mq, cx, f), hideFromAbove);
        }
        *at = f | Visited;
    }

    // Magnitude refinement (D.3.3): a sample significant before this bit-plane. Context 16 once refined,
    // else 15 with a significant neighbour, 14 without (Table D.4).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Refine(ref MqDecoder mq, uint* cx, int* at, nint m, int one)
    {
        var f = *at;
        if ((f & (Significant | Visited)) != Significant) return;
        if (mq.Decode(cx, RefinementContext(f)) != 0) at[m] |= one;
        *at = f | Refined;
    }

    // Cleanup (D.3.4) outside run-length mode: a sample neither significant nor coded in this bit-plane yet.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Clean(ref MqDecoder mq, uint* cx, byte* zc, int* at, nint m, int s, int one, bool hideFromAbove)
    {
        var f = *at;
        if ((f & (Significant | Visited)) != 0 || mq.Decode(cx, zc[f & NeighbourMask]) == 0) return;
        at[m] = one;
        *at = f | Significant | Sign(at, s, DecodeSign(ref mq, cx, f), hideFromAbove);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Significance(int plane)
    {
        var mq = _mq;
        uint* cx = _cx;
        byte* zc = _zc;
        var one = 1 << plane;
        int s = _stride, w = _width, height = _height;
        var m = _toMagnitude;
        var causal = _causal;
        for (var y0 = 0; y0 < height; y0 += 4)
        {
            var column = _f + (y0 + 1) * s + 1;
            for (var end = column + w; column < end; column++)
            {
                // Nothing to do in a column of the stripe with no significant neighbours.
                if ((ColumnState(column, s) & NeighbourMask) == 0) continue;
                Propagate(ref mq, cx, zc, column, m, s, one, causal);
                for (var at = column + s; at < column + 4 * s; at += s) Propagate(ref mq, cx, zc, at, m, s, one, false);
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
                        at[_toMagnitude] = one;
                        f |= Significant | Sign(at, _stride, negative, _causal && y == y0);
                    }
                    *at = f | Visited;
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Refinement(int plane)
    {
        var mq = _mq;
        uint* cx = _cx;
        var one = 1 << plane;
        int s = _stride, w = _width, height = _height;
        var m = _toMagnitude;
        for (var y0 = 0; y0 < height; y0 += 4)
        {
            var column = _f + (y0 + 1) * s + 1;
            for (var end = column + w; column < end; column++)
            {
                if ((ColumnState(column, s) & Significant) == 0) continue;
                for (var at = column; at < column + 4 * s; at += s) Refine(ref mq, cx, at, m, one);
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
                    if (bits.Decode() != 0) at[_toMagnitude] |= one;
                    *at = f | Refined;
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Cleanup(int plane, bool segmentationSymbols)
    {
        var mq = _mq;
        uint* cx = _cx;
        byte* zc = _zc;
        var one = 1 << plane;
        int s = _stride, w = _width, height = _height;
        var causal = _causal;
        const int busy = NeighbourMask | Significant | Visited;
        var m = _toMagnitude;
        for (var y0 = 0; y0 < height; y0 += 4)
        {
            var column = _f + (y0 + 1) * s + 1;
            for (var end = column + w; column < end; column++)
            {
                var k = 0;
                var at = column;
                // Padding rows look busy, so a short last stripe never uses run-length mode.
                if ((ColumnState(column, s) & busy) == 0)
                {
                    // Run-length mode (D.3.4): one decision says whether any of the 4 samples becomes significant.
                    if (mq.Decode(cx, MqTables.RunLength) == 0) continue;
                    k = mq.Decode(cx, MqTables.Uniform) << 1;
                    k |= mq.Decode(cx, MqTables.Uniform);
                    at += k * s;
                    at[m] = one;
                    *at |= Significant | Sign(at, s, DecodeSign(ref mq, cx, *at), causal && k == 0);
                    k++;
                    at += s;
                }
                for (; k < 4; k++, at += s) Clean(ref mq, cx, zc, at, m, s, one, causal && k == 0);
            }
            ClearVisited(_f, s, w, y0, Math.Min(4, height - y0));
        }
        if (segmentationSymbols)
            for (var i = 0; i < 4; i++) mq.Decode(cx, MqTables.Uniform);
        _mq = mq;
    }
}
