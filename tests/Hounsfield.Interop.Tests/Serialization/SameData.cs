using System.Globalization;
using Hounsfield.Dicom;

namespace Hounsfield.Interop.Tests.Serialization;

/// <summary>
/// Asserts that two data sets describe the same data, element by element: the same tags and VRs,
/// the same items and fragments, and the same values. Values are compared by meaning where the
/// models allow several spellings: IS and DS numerically ("+.5" and 0.5), FL and FD as numbers,
/// person names by component, other text exactly, binary values byte for byte.
/// </summary>
internal static class SameData
{
    /// <summary>What a comparison with a peer's output must tolerate, each for a stated reason.</summary>
    public sealed record Leeway
    {
        /// <summary>Multi-byte binary values (OW, OF, OD, OL, OV) may come byte-swapped.</summary>
        public bool SwappedBinary { get; init; }

        /// <summary>FL and FD may differ in the last digits a peer printed (relative 1e-14, 1e-6 for FL).</summary>
        public bool PrintedFloats { get; init; }

        /// <summary>Specific Character Set may have been rewritten to ISO_IR 192 along with the text.</summary>
        public bool CharacterSetRewritten { get; init; }

        /// <summary>Elements not compared.</summary>
        public IReadOnlyCollection<DicomTag> Skip { get; init; } = [];
    }

    public static void Assert(DicomDataset expected, DicomDataset actual, string label, Leeway? leeway = null) =>
        Compare(expected, actual, label, leeway ?? new Leeway());

    private static void Compare(DicomDataset expected, DicomDataset actual, string path, Leeway leeway)
    {
        var expectedTags = Tags(expected);
        var actualTags = Tags(actual);
        Xunit.Assert.True(expectedTags.SequenceEqual(actualTags),
            $"{path}: tags differ\n expected: {string.Join(' ', expectedTags)}\n actual:   {string.Join(' ', actualTags)}");
        foreach (var e in expected)
        {
            if (e.Tag.IsGroupLength || leeway.Skip.Contains(e.Tag)) continue;
            if (e.Tag == DicomTag.SpecificCharacterSet && leeway.CharacterSetRewritten) continue;
            var a = actual[e.Tag];
            var at = $"{path} {e.Tag}";
            Xunit.Assert.True(VR(e) == VR(a), $"{at}: VR {VR(e)} expected, {VR(a)} found");
            if (e.Kind == DicomValueKind.Sequence)
            {
                Xunit.Assert.True(e.Sequence!.Count == a.Sequence?.Count, $"{at}: {e.Sequence.Count} items expected, {a.Sequence?.Count} found");
                for (var i = 0; i < e.Sequence.Count; i++) Compare(e.Sequence[i], a.Sequence![i], $"{at} item {i + 1}", leeway);
            }
            else if (e.Kind == DicomValueKind.Fragments)
            {
                Xunit.Assert.True(a.Kind == DicomValueKind.Fragments, $"{at}: fragments expected, {a.Kind} found");
                Xunit.Assert.Equal(e.Fragments!.BasicOffsetTable, a.Fragments!.BasicOffsetTable);
                Xunit.Assert.True(e.Fragments.Count == a.Fragments.Count, $"{at}: {e.Fragments.Count} fragments expected, {a.Fragments.Count} found");
                for (var i = 0; i < e.Fragments.Count; i++)
                    Xunit.Assert.True(e.Fragments[i].GetBytes().Span.SequenceEqual(a.Fragments[i].GetBytes().Span), $"{at}: fragment {i + 1} differs");
            }
            else
            {
                Values(e, a, at, leeway);
            }
        }
    }

    private static void Values(DicomElement e, DicomElement a, string at, Leeway leeway)
    {
        var vr = e.VR;
        if (vr is DicomVR.FL or DicomVR.FD && leeway.PrintedFloats)
        {
            var x = e.Owner.GetValues<double>(e.Tag);
            var y = a.Owner.GetValues<double>(a.Tag);
            var tolerance = vr == DicomVR.FL ? 1e-6 : 1e-14;
            Xunit.Assert.True(x.Length == y.Length && x.Zip(y).All(p => p.First.Equals(p.Second) || Math.Abs(p.First - p.Second) <= tolerance * Math.Abs(p.First)),
                $"{at}: [{string.Join('\\', x)}] expected, [{string.Join('\\', y)}] found");
            return;
        }
        if (vr is DicomVR.DS or DicomVR.IS)
        {
            var x = e.Owner.GetStrings(e.Tag);
            var y = a.Owner.GetStrings(a.Tag);
            Xunit.Assert.True(x.Length == y.Length && x.Zip(y).All(p => SameNumber(p.First, p.Second)),
                $"{at}: [{string.Join('\\', x)}] expected, [{string.Join('\\', y)}] found");
        }
        else if (vr == DicomVR.PN)
        {
            var x = e.Owner.GetStrings(e.Tag).Select(n => DicomPersonName.Parse(n).ToString()).ToArray();
            var y = a.Owner.GetStrings(a.Tag).Select(n => DicomPersonName.Parse(n).ToString()).ToArray();
            Xunit.Assert.True(x.SequenceEqual(y), $"{at}: [{string.Join('\\', x)}] expected, [{string.Join('\\', y)}] found");
        }
        else if (vr.IsString())
        {
            var x = e.Owner.GetStrings(e.Tag);
            var y = a.Owner.GetStrings(a.Tag);
            Xunit.Assert.True(x.SequenceEqual(y), $"{at}: [{string.Join('\\', x)}] expected, [{string.Join('\\', y)}] found");
        }
        else
        {
            var x = e.Owner.GetBytes(e.Tag).ToArray();
            var y = a.Owner.GetBytes(a.Tag).ToArray();
            var same = x.AsSpan().SequenceEqual(y)
                || leeway.SwappedBinary && vr.ValueSize() > 1 && vr.IsBulkCapable() && x.AsSpan().SequenceEqual(Swap(y, vr.ValueSize()));
            Xunit.Assert.True(same, $"{at}: {x.Length} bytes {Hex(x)} expected, {y.Length} bytes {Hex(y)} found");
        }
    }

    private static bool SameNumber(string x, string y)
    {
        if (x == y) return true;
        return double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && a == b;
    }

    private static byte[] Swap(byte[] bytes, int unit)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i + unit <= copy.Length; i += unit) copy.AsSpan(i, unit).Reverse();
        return copy;
    }

    private static DicomVR VR(DicomElement element) => element.Kind == DicomValueKind.Sequence ? DicomVR.SQ : element.VR;

    private static List<string> Tags(DicomDataset dataset)
    {
        var tags = new List<string>();
        foreach (var element in dataset)
            if (!element.Tag.IsGroupLength) tags.Add(element.Tag.ToString());
        return tags;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 24))) + (bytes.Length > 24 ? "…" : "");
}
