using static Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.EbcotContexts;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The EBCOT block decoder of T.800 Annex D: significance propagation, magnitude refinement and cleanup
/// passes over stripes of 4 rows with the MQ decoder, honouring every code-block style flag except HT.
/// One instance per thread (it keeps its state buffers between blocks).
/// </summary>
internal sealed class EbcotDecoder : ICodeBlockDecoder
{
    private int[] _flags = [];
    private int _stride;
    private bool _endedInSignificancePass;
    private readonly byte[] _states = new byte[MqTables.ContextCount];
    private readonly byte[] _mps = new byte[MqTables.ContextCount];

    /// <inheritdoc />
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
        var flags = _flags.AsSpan(0, size);
        flags.Clear();
        MqTables.Reset(_states, _mps);
        var pass = 0;
        var offset = 0;
        var plane = firstPlane;
        var context = new PassContext(block.Style, (int)block.Orientation * 256, width, height, stride);
        foreach (var segment in block.Segments)
        {
            if (segment.Length < 0 || offset + segment.Length > block.Data.Length)
                throw new DicomCodecException("a code-block segment overruns its data");
            var data = block.Data.Slice(offset, segment.Length);
            offset += segment.Length;
            var kind = PassKind(pass);
            var raw = (block.Style & CodeBlockStyle.SelectiveBypass) != 0 && pass >= 10 && kind != 2;
            var mq = new MqDecoder(data);
            var bits = new RawDecoder(data);
            for (var i = 0; i < segment.PassCount; i++, pass++)
            {
                kind = PassKind(pass);
                plane = firstPlane - (pass + 2) / 3;
                if (plane < 0)
                    throw new DicomCodecException("a code-block has more coding passes than bit-planes");
                if (pass > 0 && (block.Style & CodeBlockStyle.ResetContexts) != 0)
                    MqTables.Reset(_states, _mps);
                if (kind == 0)
                {
                    if (raw) SignificanceRaw(ref bits, context, flags, samples, plane);
                    else Significance(ref mq, context, flags, samples, plane);
                }
                else if (kind == 1)
                {
                    if (raw) RefinementRaw(ref bits, context, flags, samples, plane);
                    else Refinement(ref mq, context, flags, samples, plane);
                }
                else
                {
                    Cleanup(ref mq, context, flags, samples, plane);
                }
            }
        }
        for (int y = 0, i = 0; y < height; y++)
            for (var x = 0; x < width; x++, i++)
                if ((flags[(y + 1) * stride + x + 1] & Negative) != 0) samples[i] = -samples[i];
        _stride = stride;
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

    private readonly record struct PassContext(CodeBlockStyle Style, int ZcBase, int Width, int Height, int Stride)
    {
        public bool Causal => (Style & CodeBlockStyle.VerticallyCausal) != 0;
    }

    private static void MakeSignificant(Span<int> flags, int at, int y, bool negative, in PassContext c)
    {
        var s = c.Stride;
        flags[at] |= Significant | (negative ? Negative : 0);
        if (!c.Causal || (y & 3) != 0)
        {
            flags[at - s] |= SigS | (negative ? NegS : 0);
            flags[at - s - 1] |= SigSE;
            flags[at - s + 1] |= SigSW;
        }
        flags[at + s] |= SigN | (negative ? NegN : 0);
        flags[at + s - 1] |= SigNE;
        flags[at + s + 1] |= SigNW;
        flags[at - 1] |= SigE | (negative ? NegE : 0);
        flags[at + 1] |= SigW | (negative ? NegW : 0);
    }

    private void Significance(ref MqDecoder mq, in PassContext c, Span<int> flags, Span<int> samples, int plane)
    {
        var one = 1 << plane;
        for (var y0 = 0; y0 < c.Height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, c.Height);
            for (var x = 0; x < c.Width; x++)
                for (var y = y0; y < y1; y++)
                {
                    var at = (y + 1) * c.Stride + x + 1;
                    var f = flags[at];
                    if ((f & Significant) != 0 || (f & NeighbourMask) == 0) continue;
                    if (mq.Decode(_states, _mps, ZeroCoding[c.ZcBase + (f & NeighbourMask)]) != 0)
                    {
                        var sc = SignCoding[SignIndex(f)];
                        var negative = (mq.Decode(_states, _mps, sc & 0x1F) ^ (sc >> 7)) != 0;
                        samples[y * c.Width + x] = one;
                        MakeSignificant(flags, at, y, negative, c);
                    }
                    flags[at] |= Visited;
                }
        }
    }

    private static void SignificanceRaw(ref RawDecoder bits, in PassContext c, Span<int> flags, Span<int> samples, int plane)
    {
        var one = 1 << plane;
        for (var y0 = 0; y0 < c.Height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, c.Height);
            for (var x = 0; x < c.Width; x++)
                for (var y = y0; y < y1; y++)
                {
                    var at = (y + 1) * c.Stride + x + 1;
                    var f = flags[at];
                    if ((f & Significant) != 0 || (f & NeighbourMask) == 0) continue;
                    if (bits.Decode() != 0)
                    {
                        var negative = bits.Decode() != 0;
                        samples[y * c.Width + x] = one;
                        MakeSignificant(flags, at, y, negative, c);
                    }
                    flags[at] |= Visited;
                }
        }
    }

    private void Refinement(ref MqDecoder mq, in PassContext c, Span<int> flags, Span<int> samples, int plane)
    {
        var one = 1 << plane;
        for (var y0 = 0; y0 < c.Height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, c.Height);
            for (var x = 0; x < c.Width; x++)
                for (var y = y0; y < y1; y++)
                {
                    var at = (y + 1) * c.Stride + x + 1;
                    var f = flags[at];
                    if ((f & (Significant | Visited)) != Significant) continue;
                    var cx = (f & Refined) != 0 ? 16 : (f & NeighbourMask) != 0 ? 15 : 14;
                    if (mq.Decode(_states, _mps, cx) != 0) samples[y * c.Width + x] |= one;
                    flags[at] = f | Refined;
                }
        }
    }

    private static void RefinementRaw(ref RawDecoder bits, in PassContext c, Span<int> flags, Span<int> samples, int plane)
    {
        var one = 1 << plane;
        for (var y0 = 0; y0 < c.Height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, c.Height);
            for (var x = 0; x < c.Width; x++)
                for (var y = y0; y < y1; y++)
                {
                    var at = (y + 1) * c.Stride + x + 1;
                    var f = flags[at];
                    if ((f & (Significant | Visited)) != Significant) continue;
                    if (bits.Decode() != 0) samples[y * c.Width + x] |= one;
                    flags[at] = f | Refined;
                }
        }
    }

    private void Cleanup(ref MqDecoder mq, in PassContext c, Span<int> flags, Span<int> samples, int plane)
    {
        var one = 1 << plane;
        var s = c.Stride;
        const int busy = NeighbourMask | Significant | Visited;
        for (var y0 = 0; y0 < c.Height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, c.Height);
            for (var x = 0; x < c.Width; x++)
            {
                var top = (y0 + 1) * s + x + 1;
                var y = y0;
                if (y1 - y0 == 4 && ((flags[top] | flags[top + s] | flags[top + 2 * s] | flags[top + 3 * s]) & busy) == 0)
                {
                    if (mq.Decode(_states, _mps, MqTables.RunLength) == 0) continue;
                    var r = mq.Decode(_states, _mps, MqTables.Uniform) << 1;
                    r |= mq.Decode(_states, _mps, MqTables.Uniform);
                    y = y0 + r;
                    var at = top + r * s;
                    var sc = SignCoding[SignIndex(flags[at])];
                    var negative = (mq.Decode(_states, _mps, sc & 0x1F) ^ (sc >> 7)) != 0;
                    samples[y * c.Width + x] = one;
                    MakeSignificant(flags, at, y, negative, c);
                    y++;
                }
                for (; y < y1; y++)
                {
                    var at = (y + 1) * s + x + 1;
                    var f = flags[at];
                    if ((f & (Significant | Visited)) == 0
                        && mq.Decode(_states, _mps, ZeroCoding[c.ZcBase + (f & NeighbourMask)]) != 0)
                    {
                        var sc = SignCoding[SignIndex(f)];
                        var negative = (mq.Decode(_states, _mps, sc & 0x1F) ^ (sc >> 7)) != 0;
                        samples[y * c.Width + x] = one;
                        MakeSignificant(flags, at, y, negative, c);
                    }
                }
            }
            // Visited marks only live for one bit-plane: clear them for this stripe.
            for (var y = y0; y < y1; y++)
            {
                var row = flags.Slice((y + 1) * s + 1, c.Width);
                for (var x = 0; x < row.Length; x++) row[x] &= ~Visited;
            }
        }
        if ((c.Style & CodeBlockStyle.SegmentationSymbols) != 0)
            for (var i = 0; i < 4; i++) mq.Decode(_states, _mps, MqTables.Uniform);
    }
}
