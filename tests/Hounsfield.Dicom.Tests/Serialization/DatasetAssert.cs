using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Dicom.Tests.Serialization;

/// <summary>Compares two data sets element by element, recursing into sequences and fragments.</summary>
internal static class DatasetAssert
{
    public static void Equal(DicomDataset expected, DicomDataset actual, string path = "")
    {
        var expectedTags = Tags(expected);
        var actualTags = Tags(actual);
        Assert.True(expectedTags.SequenceEqual(actualTags),
            $"{Where(path)}: tags differ\n expected: {string.Join(' ', expectedTags)}\n actual:   {string.Join(' ', actualTags)}");
        foreach (var e in expected)
        {
            if (e.Tag.IsGroupLength) continue;
            var a = actual[e.Tag];
            var at = $"{Where(path)} {e.Tag}";
            Assert.True(VROf(e) == VROf(a), $"{at}: VR {VROf(e)} expected, {VROf(a)} found");
            switch (e.Kind)
            {
                case DicomValueKind.Sequence:
                    Assert.True(a.Kind == DicomValueKind.Sequence, $"{at}: a sequence expected, {a.Kind} found");
                    Assert.True(e.Sequence!.Count == a.Sequence!.Count, $"{at}: {e.Sequence.Count} items expected, {a.Sequence.Count} found");
                    for (var i = 0; i < e.Sequence.Count; i++) Equal(e.Sequence[i], a.Sequence[i], $"{at} item {i + 1}");
                    break;
                case DicomValueKind.Fragments:
                    Assert.True(a.Kind == DicomValueKind.Fragments, $"{at}: fragments expected, {a.Kind} found");
                    Assert.Equal(e.Fragments!.BasicOffsetTable, a.Fragments!.BasicOffsetTable);
                    Assert.True(e.Fragments.Count == a.Fragments.Count, $"{at}: {e.Fragments.Count} fragments expected, {a.Fragments.Count} found");
                    for (var i = 0; i < e.Fragments.Count; i++)
                        Assert.True(e.Fragments[i].GetBytes().Span.SequenceEqual(a.Fragments[i].GetBytes().Span), $"{at}: fragment {i + 1} differs");
                    break;
                default:
                    ValuesEqual(e, a, at);
                    break;
            }
        }
    }

    private static void ValuesEqual(DicomElement e, DicomElement a, string at)
    {
        if (e.VR == DicomVR.PN)
        {
            // PS3.19 carries components, not the text: "A^B^^" and "A^B" are the same name.
            var expectedNames = e.Owner.GetStrings(e.Tag).Select(Normalize).ToArray();
            var actualNames = a.Owner.GetStrings(a.Tag).Select(Normalize).ToArray();
            Assert.True(expectedNames.SequenceEqual(actualNames), $"{at}: [{string.Join('\\', expectedNames)}] expected, [{string.Join('\\', actualNames)}] found");
        }
        else if (e.VR.IsString())
        {
            var expectedValues = e.Owner.GetStrings(e.Tag);
            var actualValues = a.Owner.GetStrings(a.Tag);
            Assert.True(expectedValues.SequenceEqual(actualValues), $"{at}: [{string.Join('\\', expectedValues)}] expected, [{string.Join('\\', actualValues)}] found");
        }
        else
        {
            var expectedBytes = e.Owner.GetBytes(e.Tag).ToArray();
            var actualBytes = a.Owner.GetBytes(a.Tag).ToArray();
            Assert.True(expectedBytes.AsSpan().SequenceEqual(actualBytes),
                $"{at}: {expectedBytes.Length} bytes {Hex(expectedBytes)} expected, {actualBytes.Length} bytes {Hex(actualBytes)} found");
        }
    }

    private static string Normalize(string name) => DicomPersonName.Parse(name).ToString();

    private static DicomVR VROf(DicomElement element) => element.Kind == DicomValueKind.Sequence ? DicomVR.SQ : element.VR;

    private static List<string> Tags(DicomDataset dataset)
    {
        var tags = new List<string>();
        foreach (var element in dataset)
            if (!element.Tag.IsGroupLength) tags.Add(element.Tag.ToString());
        return tags;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 24))) + (bytes.Length > 24 ? "…" : "");

    private static string Where(string path) => path.Length == 0 ? "data set" : path;
}
