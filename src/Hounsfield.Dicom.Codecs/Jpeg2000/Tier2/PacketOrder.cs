using Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>
/// The sequence of packets of a tile (T.800 B.12): the five progression orders, optionally changed by POC
/// (A.6.6). Position orders visit precincts by the reference-grid position of their upper-left corner
/// (clipped to the tile), which is the order of the loops of B.12.1.3–B.12.1.5.
/// </summary>
internal static class PacketOrder
{
    /// <summary>All packets of the tile in code-stream order.</summary>
    public static List<PacketId> Build(TileComponent[] components, int layers, ProgressionOrder order, List<ProgressionChange>? changes)
    {
        var maxResolutions = components.Max(c => c.Resolutions.Length);
        changes ??= [new ProgressionChange(0, 0, layers, maxResolutions, components.Length, order)];
        var done = components.Select(c => c.Resolutions.Select(r => new int[r.Precincts.Length]).ToArray()).ToArray();
        var result = new List<PacketId>();
        foreach (var change in changes)
        {
            var l1 = Math.Min(change.LayerEnd, layers);
            var c1 = Math.Min(change.ComponentEnd, components.Length);
            var r1 = Math.Min(change.ResolutionEnd, maxResolutions);
            foreach (var p in Volume(components, change.ResolutionStart, r1, change.ComponentStart, c1, l1, change.Order))
            {
                ref var next = ref done[p.Component][p.Resolution][p.Precinct];
                if (p.Layer < next) continue;
                next = p.Layer + 1;
                result.Add(p);
            }
        }
        return result;
    }

    private static IEnumerable<PacketId> Volume(TileComponent[] comps, int r0, int r1, int c0, int c1, int layers, ProgressionOrder order)
    {
        switch (order)
        {
            case ProgressionOrder.LRCP:
                for (var l = 0; l < layers; l++)
                    for (var r = r0; r < r1; r++)
                        for (var c = c0; c < c1; c++)
                            if (r < comps[c].Resolutions.Length)
                                for (var k = 0; k < comps[c].Resolutions[r].Precincts.Length; k++) yield return new PacketId(l, r, c, k);
                break;
            case ProgressionOrder.RLCP:
                for (var r = r0; r < r1; r++)
                    for (var l = 0; l < layers; l++)
                        for (var c = c0; c < c1; c++)
                            if (r < comps[c].Resolutions.Length)
                                for (var k = 0; k < comps[c].Resolutions[r].Precincts.Length; k++) yield return new PacketId(l, r, c, k);
                break;
            default:
                var positions = new List<(long K1, long K2, long K3, long K4, int C, int R, int P)>();
                for (var c = c0; c < c1; c++)
                    for (var r = r0; r < Math.Min(r1, comps[c].Resolutions.Length); r++)
                    {
                        var tc = comps[c];
                        var res = tc.Resolutions[r];
                        var scale = tc.Resolutions.Length - 1 - r;
                        for (var k = 0; k < res.Precincts.Length; k++)
                        {
                            long i = k % res.PrecinctsWide, j = k / res.PrecinctsWide;
                            var x = Math.Max(tc.X0, (((long)(res.X0 >> res.PrecinctWidthExponent) + i) << res.PrecinctWidthExponent) << scale);
                            var y = Math.Max(tc.Y0, (((long)(res.Y0 >> res.PrecinctHeightExponent) + j) << res.PrecinctHeightExponent) << scale);
                            positions.Add(order switch
                            {
                                ProgressionOrder.RPCL => (r, y, x, c, c, r, k),
                                ProgressionOrder.PCRL => (y, x, c, r, c, r, k),
                                _ => (c, y, x, r, c, r, k),
                            });
                        }
                    }
                positions.Sort((a, b) => (a.K1, a.K2, a.K3, a.K4).CompareTo((b.K1, b.K2, b.K3, b.K4)));
                foreach (var p in positions)
                    for (var l = 0; l < layers; l++) yield return new PacketId(l, p.R, p.C, p.P);
                break;
        }
    }
}
