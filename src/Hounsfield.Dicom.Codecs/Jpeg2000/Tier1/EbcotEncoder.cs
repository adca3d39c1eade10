using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.EbcotContexts;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The EBCOT block encoder (T.800 Annex D) in the default code-block style (one MQ codeword segment, no
/// options), recording after each pass a truncation length and the distortion decrease for rate control.
/// One instance per thread. State and magnitudes share the decoder's layout (see <see cref="EbcotDecoder"/>):
/// a border all round and the last stripe padded to 4 rows that no pass codes.
/// </summary>
/// <param name="estimateDistortion">Whether to compute <see cref="EncodedCodeBlock.DistortionDecrease"/> (only rate control needs it).</param>
internal sealed unsafe class EbcotEncoder(bool estimateDistortion = true) : ICodeBlockEncoder
{
    private int[] _flags = [];
    private int[] _magnitudes = [];
    private readonly uint[] _contexts = new uint[MqTables.ContextCount];
    private MqEncoder _mq;

    // The state of one encoding call: pointers into pinned buffers.
    private int* _f;
    private nint _toMagnitude;
    private uint* _cx;
    private byte* _zc;
    private int _width, _height, _stride;

    /// <inheritdoc />
    public CodeBlockStyle Style => CodeBlockStyle.None;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public EncodedCodeBlock Encode(ReadOnlySpan<int> samples, int width, int height, int magnitudeBitPlanes, SubbandOrientation orientation)
    {
        var stride = EbcotContexts.PrepareLayout(ref _flags, ref _magnitudes, width, height);
        var max = 0;
        for (var y = 0; y < height; y++)
        {
            var row = samples.Slice(y * width, width);
            var at = (y + 1) * stride + 1;
            for (var x = 0; x < row.Length; x++)
            {
                var v = row[x];
                var m = Math.Abs(v);
                _magnitudes[at + x] = m;
                max |= m;
                _flags[at + x] = v < 0 ? Negative : 0;
            }
        }
        var planes = 32 - BitOperations.LeadingZeroCount((uint)max);
        if (planes > magnitudeBitPlanes)
            throw new DicomCodecException($"a code-block needs {planes} bit-planes but the subband has {magnitudeBitPlanes}");
        if (planes == 0) return new EncodedCodeBlock([], magnitudeBitPlanes, [], []);
        (_width, _height, _stride) = (width, height, stride);
        var passCount = 3 * planes - 2;
        var lengths = new int[passCount];
        var distortion = new double[passCount];
        fixed (int* f = _flags)
        fixed (int* m = _magnitudes)
        fixed (uint* cx = _contexts)
        fixed (byte* zc = &ZeroCoding[(int)orientation * 256])
        {
            _f = f;
            _toMagnitude = (nint)(m - f);
            _cx = cx;
            _zc = zc;
            MqTables.Reset(cx);
            _mq.Start();
            for (var pass = 0; pass < passCount; pass++)
            {
                var plane = planes - 1 - (pass + 2) / 3;
                distortion[pass] = (pass == 0 ? 2 : (pass - 1) % 3) switch
                {
                    0 => Significance(plane),
                    1 => Refinement(plane),
                    _ => Cleanup(plane),
                };
                lengths[pass] = _mq.TruncationLength;
            }
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

    // Codes the sign of a sample that just became significant and updates the neighbours' state; returns
    // the distortion decrease (0 when not estimated).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double BecomeSignificant(ref MqEncoder mq, uint* cx, int* at, int s, int plane, nint toMagnitude, bool estimate)
    {
        var f = *at;
        var negative = (f & Negative) != 0;
        var sc = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(SignCoding), SignIndex(f));
        mq.Encode(cx, sc & 0x1F, (negative ? 1 : 0) ^ (sc >> 7));
        *at = f | Significant;
        MakeSignificant(at, s, negative, false);
        if (!estimate) return 0;
        var m = at[toMagnitude];
        return Error(m, plane, false) - Error(m, plane, true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Significance(int plane)
    {
        var mq = _mq;
        var estimate = estimateDistortion;
        var distortion = 0.0;
        uint* cx = _cx;
        byte* zc = _zc;
        int s = _stride, w = _width;
        var m = _toMagnitude;
        for (var y0 = 0; y0 < _height; y0 += 4)
        {
            var column = _f + (y0 + 1) * s + 1;
            for (var end = column + w; column < end; column++)
            {
                if ((ColumnState(column, s) & NeighbourMask) == 0) continue;
                for (var at = column; at < column + 4 * s; at += s)
                {
                    var f = *at;
                    if ((f & Significant) != 0 || (f & NeighbourMask) == 0) continue;
                    var bit = (at[m] >> plane) & 1;
                    mq.Encode(cx, zc[f & NeighbourMask], bit);
                    if (bit != 0) distortion += BecomeSignificant(ref mq, cx, at, s, plane, m, estimate);
                    *at |= Visited;
                }
            }
        }
        _mq = mq;
        return distortion;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Refinement(int plane)
    {
        var mq = _mq;
        var estimate = estimateDistortion;
        var distortion = 0.0;
        uint* cx = _cx;
        int s = _stride, w = _width;
        var m = _toMagnitude;
        for (var y0 = 0; y0 < _height; y0 += 4)
        {
            var column = _f + (y0 + 1) * s + 1;
            for (var end = column + w; column < end; column++)
            {
                if ((ColumnState(column, s) & Significant) == 0) continue;
                for (var at = column; at < column + 4 * s; at += s)
                {
                    var f = *at;
                    if ((f & (Significant | Visited)) != Significant) continue;
                    var magnitude = at[m];
                    mq.Encode(cx, RefinementContext(f), (magnitude >> plane) & 1);
                    if (estimate) distortion += Error(magnitude, plane + 1, true) - Error(magnitude, plane, true);
                    *at = f | Refined;
                }
            }
        }
        _mq = mq;
        return distortion;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Cleanup(int plane)
    {
        var mq = _mq;
        var estimate = estimateDistortion;
        var distortion = 0.0;
        uint* cx = _cx;
        byte* zc = _zc;
        int s = _stride, w = _width;
        var m = _toMagnitude;
        const int busy = NeighbourMask | Significant | Visited;
        for (var y0 = 0; y0 < _height; y0 += 4)
        {
            var column = _f + (y0 + 1) * s + 1;
            for (var end = column + w; column < end; column++)
            {
                var at = column;
                // Padding rows look busy, so a short last stripe never uses run-length mode.
                if ((ColumnState(column, s) & busy) == 0)
                {
                    var r = 0;
                    while (r < 4 && ((column[r * s + m] >> plane) & 1) == 0) r++;
                    mq.Encode(cx, MqTables.RunLength, r < 4 ? 1 : 0);
                    if (r == 4) continue;
                    mq.Encode(cx, MqTables.Uniform, r >> 1);
                    mq.Encode(cx, MqTables.Uniform, r & 1);
                    at += r * s;
                    distortion += BecomeSignificant(ref mq, cx, at, s, plane, m, estimate);
                    at += s;
                }
                for (; at < column + 4 * s; at += s)
                {
                    var f = *at;
                    if ((f & (Significant | Visited)) != 0) continue;
                    var bit = (at[m] >> plane) & 1;
                    mq.Encode(cx, zc[f & NeighbourMask], bit);
                    if (bit != 0) distortion += BecomeSignificant(ref mq, cx, at, s, plane, m, estimate);
                }
            }
            ClearVisited(_f, s, w, y0, Math.Min(4, _height - y0));
        }
        _mq = mq;
        return distortion;
    }
}
