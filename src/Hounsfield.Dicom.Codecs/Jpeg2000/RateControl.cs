using Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;
using Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

namespace Hounsfield.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Post-compression rate-distortion optimisation (Taubman's PCRD): every code-block is truncated at the
/// pass maximising D − λ·R, with λ found by bisection so the tile's packets fit the byte budget.
/// Distortion is weighted by Δ_b² and the band's synthesis norm², i.e. it is image-domain squared error.
/// </summary>
internal static class RateControl
{
    /// <summary>Sets each block's included passes (one layer) and returns the tile's packet data.</summary>
    public static byte[] Allocate(TileComponent[] components, List<PacketId> order, CodeBlockStyle style, long budget, double[]? weights)
    {
        var blocks = new List<(CodeBlockState Block, double Weight)>();
        foreach (var tc in components)
            foreach (var res in tc.Resolutions)
                foreach (var precinct in res.Precincts)
                    for (var b = 0; b < precinct.Length; b++)
                    {
                        var band = res.Bands[b];
                        var w = weights is null ? 1 : weights[band.Index] * band.Step;
                        foreach (var block in precinct[b].Blocks) blocks.Add((block, w * w));
                    }
        foreach (var (block, _) in blocks) block.LayerPasses = [block.Encoded!.PassCount];
        var all = PacketEncoder.Encode(components, order, 1, style);
        if (all.Length <= budget) return all;
        double low = 0, high = 1;
        while (Truncate(blocks, high) > 0 && high < 1e30) high *= 16;
        byte[]? best = null;
        for (var iteration = 0; iteration < 40; iteration++)
        {
            var lambda = iteration == 0 ? high : (low + high) / 2;
            Truncate(blocks, lambda);
            var packets = PacketEncoder.Encode(components, order, 1, style);
            if (packets.Length <= budget)
            {
                best = packets;
                high = lambda;
            }
            else
            {
                low = lambda;
            }
            if (high - low < high * 1e-3 && best is not null) break;
        }
        Truncate(blocks, high);
        return best ?? PacketEncoder.Encode(components, order, 1, style);
    }

    // Chooses each block's truncation for slope threshold λ; returns the number of passes kept.
    private static long Truncate(List<(CodeBlockState Block, double Weight)> blocks, double lambda)
    {
        long kept = 0;
        foreach (var (block, weight) in blocks)
        {
            var e = block.Encoded!;
            double best = 0, distortion = 0;
            var passes = 0;
            for (var i = 0; i < e.PassCount; i++)
            {
                distortion += e.DistortionDecrease[i] * weight;
                var value = distortion - lambda * e.PassLengths[i];
                if (value > best)
                {
                    best = value;
                    passes = i + 1;
                }
            }
            block.LayerPasses = [passes];
            kept += passes;
        }
        return kept;
    }
}
