using System.Runtime.CompilerServices;
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
    /// <summary>
    /// Quality layers: the last layer gets the whole budget, layer l of L half the budget of layer l + 1;
    /// each layer's truncation is chosen as for a single layer and capped by the next one, so layers nest.
    /// </summary>
    /// <param name="components">The tile's components with encoded code-blocks.</param>
    /// <param name="order">The packet order with one layer (for sizing each layer on its own).</param>
    /// <param name="layered">The packet order with <paramref name="layers"/> layers (written).</param>
    /// <param name="style">Code-block style.</param>
    /// <param name="budget">Bytes for the tile's packets.</param>
    /// <param name="weights">Synthesis norms by band index.</param>
    /// <param name="layers">Number of quality layers.</param>
    public static byte[] AllocateLayers(TileComponent[] components, List<PacketId> order, List<PacketId> layered, CodeBlockStyle style, long budget, double[] weights, int layers)
    {
        if (layers == 1) return Allocate(components, order, style, budget, weights);
        // The extra layers' packet headers cost bytes the one-layer sizing does not see: reserve some,
        // and more if the layered stream still overshoots.
        var reserve = 2L * layered.Count;
        byte[] packets = [];
        for (var attempt = 0; attempt < 4; attempt++)
        {
            packets = Layered(components, order, layered, style, Math.Max(64, budget - reserve), weights, layers);
            if (packets.Length <= budget) break;
            reserve += packets.Length - budget + 16;
        }
        return packets;
    }

    private static byte[] Layered(TileComponent[] components, List<PacketId> order, List<PacketId> layered, CodeBlockStyle style, long budget, double[] weights, int layers)
    {
        var blocks = AllBlocks(components).ToList();
        Allocate(components, order, style, budget, weights);
        var passes = new int[layers][];
        passes[layers - 1] = blocks.Select(b => b.LayerPasses[0]).ToArray();
        for (var l = layers - 2; l >= 0; l--)
        {
            Allocate(components, order, style, Math.Max(64, budget >> (layers - 1 - l)), weights);
            passes[l] = blocks.Select((b, i) => Math.Min(b.LayerPasses[0], passes[l + 1][i])).ToArray();
        }
        for (var i = 0; i < blocks.Count; i++)
            blocks[i].LayerPasses = Enumerable.Range(0, layers).Select(l => passes[l][i]).ToArray();
        return PacketEncoder.Encode(components, layered, layers, style);
    }

    private static IEnumerable<CodeBlockState> AllBlocks(TileComponent[] components) =>
        from tc in components
        from res in tc.Resolutions
        from precinct in res.Precincts
        from band in precinct
        from block in band.Blocks
        select block;

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
        // Slopes span many decades (a DC offset makes the lowpass band's first passes worth ~10^12 per
        // byte, noise refinement ~1), so λ is bisected geometrically.
        double low = 1e-9, high = 1;
        while (Truncate(blocks, high) > 0 && high < 1e30) high *= 16;
        byte[]? best = null;
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var lambda = iteration == 0 ? high : Math.Sqrt(low * high);
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
            if (high < low * 1.001 && best is not null) break;
        }
        // Many blocks can share one slope (flat areas), so λ alone may jump from well under the budget to
        // over it: fill the gap block by block, steepest increments first.
        var fitting = Truncate(blocks, high, apply: false);
        var over = Truncate(blocks, low, apply: false);
        var spare = budget - (best?.Length ?? 0);
        var upgrades = new List<(int Block, double Slope, int Bytes)>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (over[i] <= fitting[i]) continue;
            var e = blocks[i].Block.Encoded!;
            var bytes = e.PassLengths[over[i] - 1] - (fitting[i] > 0 ? e.PassLengths[fitting[i] - 1] : 0);
            double gain = 0;
            for (var p = fitting[i]; p < over[i]; p++) gain += e.DistortionDecrease[p] * blocks[i].Weight;
            upgrades.Add((i, gain / Math.Max(1, bytes), bytes));
        }
        var chosen = (int[])fitting.Clone();
        var accepted = new List<int>();
        foreach (var (block, _, bytes) in upgrades.OrderByDescending(u => u.Slope))
        {
            if (bytes + 4 > spare) continue;
            spare -= bytes + 4;
            chosen[block] = over[block];
            accepted.Add(block);
        }
        while (true)
        {
            for (var i = 0; i < blocks.Count; i++) blocks[i].Block.LayerPasses = [chosen[i]];
            var packets = PacketEncoder.Encode(components, order, 1, style);
            if (packets.Length <= budget || accepted.Count == 0) return packets;
            chosen[accepted[^1]] = fitting[accepted[^1]];
            accepted.RemoveAt(accepted.Count - 1);
        }
    }

    // Chooses each block's truncation for slope threshold λ; returns the number of passes kept.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Truncate(List<(CodeBlockState Block, double Weight)> blocks, double lambda) =>
        Truncate(blocks, lambda, apply: true).Sum(p => (long)p);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] Truncate(List<(CodeBlockState Block, double Weight)> blocks, double lambda, bool apply)
    {
        var result = new int[blocks.Count];
        for (var b = 0; b < blocks.Count; b++)
        {
            var (block, weight) = blocks[b];
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
            if (apply) block.LayerPasses = [passes];
            result[b] = passes;
        }
        return result;
    }
}
