using System.Collections.Concurrent;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Wavelet;

/// <summary>
/// The L2 norm of the 9/7 synthesis basis function of each subband (how much a unit error in a
/// coefficient of that band costs in the image), computed once per number of levels by synthesising an
/// impulse. Used to choose step sizes and to weight distortion in rate control.
/// </summary>
internal static class SynthesisWeights
{
    private static readonly ConcurrentDictionary<int, double[]> Cache = new();

    /// <summary>Norms by band index (0 = LL, then HL, LH, HH per resolution 1..levels).</summary>
    public static double[] Irreversible(int levels) => Cache.GetOrAdd(levels, Compute);

    private static double[] Compute(int levels)
    {
        var n = 1 << Math.Min(levels + 4, 14);
        var weights = new double[3 * levels + 1];
        var scratch = new float[n + n * n];
        for (var band = 0; band < weights.Length; band++)
        {
            var plane = new float[n * n];
            int r = band == 0 ? 0 : (band - 1) / 3 + 1, orientation = band == 0 ? 0 : (band - 1) % 3 + 1;
            var size = n >> (levels - r + (r == 0 ? 0 : 1));
            int bx = orientation is 1 or 3 ? size : 0, by = orientation is 2 or 3 ? size : 0;
            plane[(by + size / 2) * n + bx + size / 2] = 1;
            for (var level = Math.Max(1, r); level <= levels; level++)
            {
                var w = n >> (levels - level);
                Irreversible97.InverseLevel(plane, n, w, w, 0, 0, scratch);
            }
            weights[band] = Math.Sqrt(plane.Sum(v => (double)v * v));
        }
        return weights;
    }
}
