using System.Numerics;
using System.Runtime.CompilerServices;
using static Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.EbcotContexts;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The EBCOT block encoder (T.800 Annex D) in the default code-block style (one MQ codeword segment, no
/// options), recording after each pass a truncation length and the distortion decrease for rate control.
/// One instance per thread.
/// </summary>
/// <param name="estimateDistortion">Whether to compute <see cref="EncodedCodeBlock.DistortionDecrease"/> (only rate control needs it).</param>
internal sealed class EbcotEncoder(bool estimateDistortion = true) : ICodeBlockEncoder
{
    private int[] _flags = [];
    private int[] _magnitudes = [];
    private readonly byte[] _states = new byte[MqTables.ContextCount];
    private readonly byte[] _mps = new byte[MqTables.ContextCount];
    private readonly MqEncoder _mq = new();
    private double _distortion;

    /// <inheritdoc />
    public CodeBlockStyle Style => CodeBlockStyle.None;

    private readonly record struct PassContext(int ZcBase, int Width, int Height, int Stride);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public EncodedCodeBlock Encode(ReadOnlySpan<int> samples, int width, int height, int magnitudeBitPlanes, SubbandOrientation orientation)
    {
        var n = width * height;
        var stride = width + 2;
        var size = stride * (height + 2);
        if (_flags.Length < size) _flags = new int[size];
        if (_magnitudes.Length < n) _magnitudes = new int[n];
        var flags = _flags.AsSpan(0, size);
        flags.Clear();
        var max = 0;
        for (int y = 0, i = 0; y < height; y++)
            for (var x = 0; x < width; x++, i++)
            {
                var v = samples[i];
                var m = Math.Abs(v);
                _magnitudes[i] = m;
                max |= m;
                if (v < 0) flags[(y + 1) * stride + x + 1] |= Negative;
            }
        var planes = 32 - BitOperations.LeadingZeroCount((uint)max);
        if (planes > magnitudeBitPlanes)
            throw new DicomCodecException($"a code-block needs {planes} bit-planes but the subband has {magnitudeBitPlanes}");
        if (planes == 0) return new EncodedCodeBlock([], magnitudeBitPlanes, [], []);
        MqTables.Reset(_states, _mps);
        _mq.Start();
        var c = new PassContext((int)orientation * 256, width, height, stride);
        var passCount = 3 * planes - 2;
        var lengths = new int[passCount];
        var distortion = new double[passCount];
        for (var pass = 0; pass < passCount; pass++)
        {
            var plane = planes - 1 - (pass + 2) / 3;
            _distortion = 0;
            switch (pass == 0 ? 2 : (pass - 1) % 3)
            {
                case 0: Significance(c, flags, plane); break;
                case 1: Refinement(c, flags, plane); break;
                default: Cleanup(c, flags, plane); break;
            }
            lengths[pass] = _mq.TruncationLength;
            distortion[pass] = _distortion;
        }
        var data = _mq.Finish();
        for (var i = passCount - 1; i >= 0; i--)
            lengths[i] = Math.Min(lengths[i], i + 1 < passCount ? lengths[i + 1] : data.Length);
        lengths[^1] = data.Length;
        // A truncated segment need not end in 0xFF: the decoder reads 0xFF past the end anyway, and this
        // keeps 0xFF followed by the next block's bytes from looking like a marker.
        for (var i = 0; i < passCount; i++)
            while (lengths[i] > 0 && data[lengths[i] - 1] == 0xFF) lengths[i]--;
        return new EncodedCodeBlock(data, magnitudeBitPlanes - planes, lengths, distortion);
    }

    // Squared error (in quantization steps) of magnitude m reconstructed at the midpoint with planes ≥ p known.
    private static double Error(int m, int p, bool significant)
    {
        var exact = m + 0.5;
        if (!significant) return exact * exact;
        var reconstructed = ((m >> p) << p) + (1 << p) * 0.5;
        var e = exact - reconstructed;
        return e * e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BecomeSignificant(Span<int> flags, int at, int i, int plane, in PassContext c)
    {
        var negative = (flags[at] & Negative) != 0;
        var sc = SignCoding[SignIndex(flags[at])];
        _mq.Encode(_states, _mps, sc & 0x1F, (negative ? 1 : 0) ^ (sc >> 7));
        var s = c.Stride;
        flags[at] |= Significant;
        flags[at - s] |= SigS | (negative ? NegS : 0);
        flags[at - s - 1] |= SigSE;
        flags[at - s + 1] |= SigSW;
        flags[at + s] |= SigN | (negative ? NegN : 0);
        flags[at + s - 1] |= SigNE;
        flags[at + s + 1] |= SigNW;
        flags[at - 1] |= SigE | (negative ? NegE : 0);
        flags[at + 1] |= SigW | (negative ? NegW : 0);
        if (estimateDistortion)
        {
            var m = _magnitudes[i];
            _distortion += Error(m, plane, false) - Error(m, plane, true);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Significance(in PassContext c, Span<int> flags, int plane)
    {
        for (var y0 = 0; y0 < c.Height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, c.Height);
            for (var x = 0; x < c.Width; x++)
                for (var y = y0; y < y1; y++)
                {
                    var at = (y + 1) * c.Stride + x + 1;
                    var f = flags[at];
                    if ((f & Significant) != 0 || (f & NeighbourMask) == 0) continue;
                    var i = y * c.Width + x;
                    var bit = (_magnitudes[i] >> plane) & 1;
                    _mq.Encode(_states, _mps, ZeroCoding[c.ZcBase + (f & NeighbourMask)], bit);
                    if (bit != 0) BecomeSignificant(flags, at, i, plane, c);
                    flags[at] |= Visited;
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Refinement(in PassContext c, Span<int> flags, int plane)
    {
        for (var y0 = 0; y0 < c.Height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, c.Height);
            for (var x = 0; x < c.Width; x++)
                for (var y = y0; y < y1; y++)
                {
                    var at = (y + 1) * c.Stride + x + 1;
                    var f = flags[at];
                    if ((f & (Significant | Visited)) != Significant) continue;
                    var i = y * c.Width + x;
                    var m = _magnitudes[i];
                    var cx = (f & Refined) != 0 ? 16 : (f & NeighbourMask) != 0 ? 15 : 14;
                    _mq.Encode(_states, _mps, cx, (m >> plane) & 1);
                    if (estimateDistortion) _distortion += Error(m, plane + 1, true) - Error(m, plane, true);
                    flags[at] = f | Refined;
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Cleanup(in PassContext c, Span<int> flags, int plane)
    {
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
                    var r = 0;
                    while (r < 4 && ((_magnitudes[(y0 + r) * c.Width + x] >> plane) & 1) == 0) r++;
                    _mq.Encode(_states, _mps, MqTables.RunLength, r < 4 ? 1 : 0);
                    if (r == 4) continue;
                    _mq.Encode(_states, _mps, MqTables.Uniform, r >> 1);
                    _mq.Encode(_states, _mps, MqTables.Uniform, r & 1);
                    y = y0 + r;
                    BecomeSignificant(flags, top + r * s, y * c.Width + x, plane, c);
                    y++;
                }
                for (; y < y1; y++)
                {
                    var at = (y + 1) * s + x + 1;
                    var f = flags[at];
                    if ((f & (Significant | Visited)) != 0) continue;
                    var i = y * c.Width + x;
                    var bit = (_magnitudes[i] >> plane) & 1;
                    _mq.Encode(_states, _mps, ZeroCoding[c.ZcBase + (f & NeighbourMask)], bit);
                    if (bit != 0) BecomeSignificant(flags, at, i, plane, c);
                }
            }
            for (var y = y0; y < y1; y++)
            {
                var row = flags.Slice((y + 1) * s + 1, c.Width);
                for (var x = 0; x < row.Length; x++) row[x] &= ~Visited;
            }
        }
    }
}
