using Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg2000.HighThroughput;

/// <summary>Shared helpers: block generators and single-segment decoding through the tier-1 contract.</summary>
internal static class HtBlockCoding
{
    /// <summary>Random signed values below 2^bits; <paramref name="density"/> is the share of non-zero samples.</summary>
    public static int[] RandomBlock(int width, int height, int bits, double density, int seed)
    {
        var random = new Random(seed);
        var block = new int[width * height];
        var limit = 1L << bits;
        for (var i = 0; i < block.Length; i++)
        {
            if (random.NextDouble() >= density)
                continue;
            // Mix exponents so every U-VLC range and both EMB cases occur.
            var top = random.Next(1, bits + 1);
            var magnitude = (int)Math.Min(limit - 1, 1 + random.NextInt64(1L << top) % limit);
            block[i] = random.Next(2) == 0 ? magnitude : -magnitude;
        }
        return block;
    }

    /// <summary>Decodes a block whose passes are all in the given segments.</summary>
    public static int Decode(byte[] data, CodeBlockSegment[] segments, int passes, int zeroBitPlanes, int mb, int width, int height, int[] samples,
        CodeBlockStyle style = CodeBlockStyle.HighThroughput)
    {
        var input = new CodeBlockInput(data, segments, passes, zeroBitPlanes, mb, width, height, SubbandOrientation.LL, style);
        return new HtBlockDecoder().Decode(input, samples);
    }

    /// <summary>Encodes and decodes a block; returns the decoded samples and the undecoded plane count.</summary>
    public static (int[] Samples, int UndecodedPlanes, EncodedCodeBlock Encoded) RoundTrip(int[] block, int width, int height, int mb)
    {
        var encoded = new HtBlockEncoder().Encode(block, width, height, mb, SubbandOrientation.HH);
        var decoded = new int[width * height];
        var segments = encoded.PassCount == 0 ? Array.Empty<CodeBlockSegment>() : [new CodeBlockSegment(encoded.Data.Length, 1)];
        var p = Decode(encoded.Data, segments, encoded.PassCount, encoded.ZeroBitPlanes, mb, width, height, decoded);
        return (decoded, p, encoded);
    }
}
