using System.Numerics;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

/// <summary>
/// The HT block encoder (ITU-T T.814) behind <see cref="ICodeBlockEncoder"/>: one HT cleanup pass that codes
/// every magnitude bit down to bit-plane 0, so the block is exact (lossy coding comes from quantization).
/// It signals Mb − 1 missing MSBs, which puts the cleanup pass at bit-plane 0.
/// </summary>
internal sealed class HtBlockEncoder : ICodeBlockEncoder
{
    private const int MaxSamples = 4096;
    private readonly uint[] values = new uint[MaxSamples];
    private readonly int[] exponents = new int[MaxSamples];
    private readonly int[] lineState = new int[2 * (1024 + 4)];
    private readonly byte[] magSgnBuffer = new byte[MaxSamples * 5 + 16];
    private readonly byte[] melBuffer = new byte[MaxSamples + 16];
    private readonly byte[] vlcBuffer = new byte[MaxSamples * 2 + 16];

    /// <inheritdoc />
    public CodeBlockStyle Style => CodeBlockStyle.HighThroughput;

    /// <inheritdoc />
    public EncodedCodeBlock Encode(ReadOnlySpan<int> samples, int width, int height, int magnitudeBitPlanes, SubbandOrientation orientation)
    {
        if (width < 1 || height < 1 || width > 1024 || height > 1024 || width * height > MaxSamples)
            throw new ArgumentOutOfRangeException(nameof(width), $"code-block size {width}x{height} out of range");
        if (magnitudeBitPlanes is < 1 or > 30)
            throw new ArgumentOutOfRangeException(nameof(magnitudeBitPlanes));
        if (samples.Length < width * height)
            throw new ArgumentException("fewer samples than the code-block holds", nameof(samples));

        double energy = 0;
        var limit = 1L << magnitudeBitPlanes;
        for (var i = 0; i < width * height; i++)
        {
            long magnitude = Math.Abs((long)samples[i]);
            if (magnitude >= limit)
                throw new ArgumentOutOfRangeException(nameof(samples), $"|q| = {magnitude} needs more than {magnitudeBitPlanes} bit-planes");
            if (magnitude == 0)
            {
                exponents[i] = 0;
                continue;
            }
            // v = 2(μ − 1) + sign; its exponent E is the bit length of 2(μ − 1) + 1.
            var v = (uint)(2 * (magnitude - 1) + (samples[i] < 0 ? 1 : 0));
            values[i] = v;
            exponents[i] = 32 - BitOperations.LeadingZeroCount(v | 1);
            energy += (double)magnitude * magnitude;
        }
        if (energy == 0)
            return new EncodedCodeBlock([], magnitudeBitPlanes, [], []);

        var data = EncodeCleanup(width, height);
        return new EncodedCodeBlock(data, magnitudeBitPlanes - 1, [data.Length], [energy]);
    }

    private byte[] EncodeCleanup(int width, int height)
    {
        var coder = new HtCleanupEncoder(width, height, values, exponents, lineState, magSgnBuffer, melBuffer, vlcBuffer);
        for (var y = 0; y < height; y += 2)
            coder.EncodeLinePair(y);
        return coder.Finish();
    }
}
