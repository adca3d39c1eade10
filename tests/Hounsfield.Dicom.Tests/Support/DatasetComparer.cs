namespace Hounsfield.Dicom.Tests.Support;

/// <summary>Compares two data sets element by element: tag, VR, kind and every value byte, into nested items and fragments.</summary>
public static class DatasetComparer
{
    public static List<string> Differences(DicomDataset expected, DicomDataset actual, bool privateMayBecomeUN = false, string path = "")
    {
        var diffs = new List<string>();
        var e = expected.ToList();
        var a = actual.ToList();
        var tags = e.Select(x => x.Tag).Union(a.Select(x => x.Tag)).Order();
        foreach (var tag in tags)
        {
            var where = $"{path}{tag}";
            if (!expected.TryGetElement(tag, out var x)) { diffs.Add($"{where}: unexpected element"); continue; }
            if (!actual.TryGetElement(tag, out var y)) { diffs.Add($"{where}: missing"); continue; }
            if (x.VR != y.VR && !(privateMayBecomeUN && tag.IsPrivate && !tag.IsPrivateCreator && y.VR == DicomVR.UN)) diffs.Add($"{where}: VR {x.VR} != {y.VR}");
            var xs = x.Sequence;
            var ys = y.Sequence;
            if (xs is not null || ys is not null)
            {
                if (xs is null || ys is null) { diffs.Add($"{where}: sequence vs. value"); continue; }
                if (xs.Count != ys.Count) { diffs.Add($"{where}: {xs.Count} items != {ys.Count}"); continue; }
                for (var i = 0; i < xs.Count; i++) diffs.AddRange(Differences(xs[i], ys[i], privateMayBecomeUN, $"{where}[{i}]."));
                continue;
            }
            var xf = x.Fragments;
            var yf = y.Fragments;
            if (xf is not null || yf is not null)
            {
                if (xf is null || yf is null) { diffs.Add($"{where}: fragments vs. value"); continue; }
                if (!xf.BasicOffsetTable.SequenceEqual(yf.BasicOffsetTable)) diffs.Add($"{where}: basic offset tables differ");
                if (xf.Count != yf.Count) { diffs.Add($"{where}: {xf.Count} fragments != {yf.Count}"); continue; }
                for (var i = 0; i < xf.Count; i++)
                    if (!xf[i].GetBytes().Span.SequenceEqual(yf[i].GetBytes().Span)) diffs.Add($"{where}: fragment {i} differs");
                continue;
            }
            var xb = expected.GetBytes(tag);
            var yb = actual.GetBytes(tag);
            if (!xb.Span.SequenceEqual(yb.Span))
                diffs.Add($"{where} {x.VR}: bytes differ ({Hex(xb.Span)} != {Hex(yb.Span)})");
        }
        return diffs;
    }

    public static void AssertEqual(DicomDataset expected, DicomDataset actual, bool privateMayBecomeUN = false)
    {
        var diffs = Differences(expected, actual, privateMayBecomeUN);
        Assert.True(diffs.Count == 0, "data sets differ:\n" + string.Join('\n', diffs.Take(30)));
    }

    private static string Hex(ReadOnlySpan<byte> b) =>
        b.Length > 24 ? Convert.ToHexString(b[..24]) + $"...({b.Length} bytes)" : Convert.ToHexString(b);
}
