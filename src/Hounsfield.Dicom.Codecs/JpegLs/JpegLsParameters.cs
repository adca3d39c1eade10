namespace Hounsfield.Dicom.Codecs.JpegLs;

/// <summary>The coding parameters of one scan (T.87 A.2, C.2.4.1.1) and the derived constants.</summary>
internal sealed class JpegLsParameters
{
    public int MaxVal;
    public int Near;
    public int T1, T2, T3;
    public int Reset;
    public int Range;
    public int Qbpp;
    public int Limit;

    /// <summary>
    /// Fills the defaults for <paramref name="bitsPerSample"/> where the preset values (from LSE or
    /// the caller) are zero, and validates the result.
    /// </summary>
    public static JpegLsParameters Create(int bitsPerSample, int near, int maxVal, int t1, int t2, int t3, int reset)
    {
        if (maxVal == 0)
            maxVal = (1 << bitsPerSample) - 1;
        if (maxVal < 1 || maxVal >= 1 << 16)
            throw new DicomCodecException($"JPEG-LS MAXVAL {maxVal} is out of range");
        if (near < 0 || near > Math.Min(255, maxVal / 2))
            throw new DicomCodecException($"JPEG-LS NEAR {near} is out of range for MAXVAL {maxVal}");
        var p = new JpegLsParameters { MaxVal = maxVal, Near = near, Reset = reset == 0 ? 64 : reset };
        if (p.Reset < 3 || p.Reset > Math.Max(255, maxVal))
            throw new DicomCodecException($"JPEG-LS RESET {p.Reset} is out of range");
        // Default thresholds, C.2.4.1.1.2.
        int d1, d2, d3;
        if (maxVal >= 128)
        {
            var factor = (Math.Min(maxVal, 4095) + 128) >> 8;
            d1 = Clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxVal);
            d2 = Clamp(factor * (7 - 3) + 3 + 5 * near, d1, maxVal);
            d3 = Clamp(factor * (21 - 4) + 4 + 7 * near, d2, maxVal);
        }
        else
        {
            var factor = 256 / (maxVal + 1);
            d1 = Clamp(Math.Max(2, 3 / factor + 3 * near), near + 1, maxVal);
            d2 = Clamp(Math.Max(3, 7 / factor + 5 * near), d1, maxVal);
            d3 = Clamp(Math.Max(4, 21 / factor + 7 * near), d2, maxVal);
        }
        p.T1 = t1 == 0 ? d1 : t1;
        p.T2 = t2 == 0 ? d2 : t2;
        p.T3 = t3 == 0 ? d3 : t3;
        if (p.T1 < near + 1 || p.T1 > maxVal || p.T2 < p.T1 || p.T2 > maxVal || p.T3 < p.T2 || p.T3 > maxVal)
            throw new DicomCodecException($"JPEG-LS thresholds {p.T1}, {p.T2}, {p.T3} are invalid for MAXVAL {maxVal}, NEAR {near}");
        p.Range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        p.Qbpp = Log2Ceiling(p.Range);
        var bpp = Math.Max(2, Log2Ceiling(maxVal + 1));
        p.Limit = 2 * (bpp + Math.Max(8, bpp));
        return p;
    }

    private static int Clamp(int i, int j, int maxVal) => i > maxVal || i < j ? j : i;

    private static int Log2Ceiling(int n)
    {
        var k = 0;
        while ((1 << k) < n)
            k++;
        return k;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int, int, int, int), sbyte[]> Tables = new();

    /// <summary>
    /// Q(D) for D in [-MAXVAL, MAXVAL], stored at index D + MAXVAL (A.3.3). Tables are shared
    /// (read-only); at most 64 parameter sets are kept, so streams with unusual LSE parameters
    /// cannot grow the cache.
    /// </summary>
    public sbyte[] BuildQuantizationTable()
    {
        var key = (MaxVal, Near, T1, T2, T3);
        if (Tables.TryGetValue(key, out var cached))
            return cached;
        var table = ComputeQuantizationTable();
        if (Tables.Count < 64)
            Tables.TryAdd(key, table);
        return table;
    }

    private sbyte[] ComputeQuantizationTable()
    {
        var table = new sbyte[2 * MaxVal + 1];
        for (var d = -MaxVal; d <= MaxVal; d++)
        {
            sbyte q;
            if (d <= -T3) q = -4;
            else if (d <= -T2) q = -3;
            else if (d <= -T1) q = -2;
            else if (d < -Near) q = -1;
            else if (d <= Near) q = 0;
            else if (d < T1) q = 1;
            else if (d < T2) q = 2;
            else if (d < T3) q = 3;
            else q = 4;
            table[d + MaxVal] = q;
        }
        return table;
    }
}
