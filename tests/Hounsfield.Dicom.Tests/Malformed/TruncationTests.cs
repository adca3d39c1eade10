using System.Diagnostics;
using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.Malformed;

/// <summary>
/// Cuts representative files at every byte offset: each prefix must either read (when the cut falls
/// exactly between two top-level elements) or raise a DicomFormatException naming the offset.
/// </summary>
public class TruncationTests
{
    public static TheoryData<string> Cases() => ["explicit-le", "implicit-le", "explicit-be-nonseekable", "encapsulated", "deflated", "group-lengths-defined-sequences"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_prefix_reads_or_fails_cleanly(string name)
    {
        var (dataset, ts, options, seekable, readOptions) = Build(name);
        var bytes = SampleData.FileBytes(dataset, ts, options);
        var boundaries = ts.IsDeflated ? null : TopLevelBoundaries(dataset, ts, options);
        var values = ts.IsDeflated ? null : PlainValueRanges(dataset, ts, options);
        var stopwatch = Stopwatch.StartNew();
        var successes = 0;
        for (var length = 0; length < bytes.Length; length++)
        {
            var describe = $"{name} cut at {length} of {bytes.Length}";
            var outcome = MalformedHarness.Read(bytes[..length], seekable, readOptions, describe);
            if (outcome.Error is { } error)
            {
                // A cut inside the value of a plain top-level element names that element.
                if (values?.FirstOrDefault(v => length > v.Start + 12 && length < v.End) is { End: > 0 } value)
                    Assert.True(error.Tag == value.Tag, $"{describe}: the error names {error.Tag?.ToString() ?? "no tag"}, not {value.Tag}: {error.Message}");
                continue;
            }
            if (outcome.File is not { } file) continue;
            successes++;
            var zeroPadding = file.Warnings.Any(w => w.Contains("padding", StringComparison.Ordinal) || w.Contains("zero-filled", StringComparison.Ordinal));
            if (boundaries is not null)
                Assert.True(boundaries.Contains(length) || zeroPadding, $"{describe}: read successfully although the cut is inside an element");
            AssertIsPrefix(dataset, file.Dataset, !ts.IsExplicitVR, describe);
        }
        // The whole file reads, and so does at least every top-level element boundary of the data set.
        Assert.Empty(DicomFile.Read(new MemoryStream(bytes), readOptions).Warnings);
        if (boundaries is not null) Assert.True(successes >= dataset.Count, $"only {successes} prefixes read");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"the sweep took {stopwatch.Elapsed}");
    }

    internal static (DicomDataset, DicomTransferSyntax, DicomWriteOptions?, bool Seekable, DicomReadOptions?) Build(string name) => name switch
    {
        "explicit-le" => (SampleData.Representative(), DicomTransferSyntax.ExplicitVRLittleEndian, null, true, MalformedHarness.SmallBulk),
        "implicit-le" => (SampleData.Representative(), DicomTransferSyntax.ImplicitVRLittleEndian, null, true, null),
        "explicit-be-nonseekable" => (SampleData.Representative(), DicomTransferSyntax.ExplicitVRBigEndian, null, false, null),
        "encapsulated" => (WithPrivateAndSequence(SampleData.Encapsulated(3, 2, basicOffsetTable: true).Dataset), DicomTransferSyntax.Get(DicomUid.JPEGBaseline8Bit.Value), null, true, MalformedHarness.SmallBulk),
        "deflated" => (SampleData.Representative(), DicomTransferSyntax.DeflatedExplicitVRLittleEndian, null, true, null),
        "group-lengths-defined-sequences" => (SampleData.Representative(), DicomTransferSyntax.ExplicitVRLittleEndian,
            new DicomWriteOptions { IncludeGroupLengths = true, ExplicitLengthSequences = true }, true, null),
        _ => throw new ArgumentException(name),
    };

    private static DicomDataset WithPrivateAndSequence(DicomDataset ds)
    {
        ds.Set(new DicomTag(0x0029, 0x0010), DicomVR.LO, "VENDOR");
        ds.Set(new DicomTag(0x0029, 0x1010), DicomVR.SH, "private");
        ds.SetSequence(DicomTag.ReferencedImageSequence, new DicomDataset().Set(DicomTag.ReferencedSOPInstanceUID, "1.2.3"));
        return ds;
    }

    /// <summary>Byte offsets (in the whole file) at which a top-level element of the meta or the data set starts, plus the end.</summary>
    internal static HashSet<int> TopLevelBoundaries(DicomDataset dataset, DicomTransferSyntax ts, DicomWriteOptions? options)
    {
        var set = new HashSet<int>();
        var position = 132;
        var meta = new DicomFile(dataset, ts).BuildMeta(ts);
        position += 12; // (0002,0000)
        set.Add(position);
        foreach (var e in meta)
        {
            position += (int)new DicomDataset().CopyFrom(meta, e.Tag).GetEncodedLength(DicomTransferSyntax.ExplicitVRLittleEndian);
            set.Add(position);
        }
        options ??= DicomWriteOptions.Default;
        // Measured one element at a time, less the group length that the writer puts before it (items keep theirs).
        var ownGroupLength = options.IncludeGroupLengths ? 12 : 0;
        var lastGroup = -1;
        foreach (var e in dataset)
        {
            if (options.IncludeGroupLengths && e.Tag.Group != lastGroup)
            {
                position += 12;
                set.Add(position);
            }
            lastGroup = e.Tag.Group;
            position += (int)new DicomDataset().CopyFrom(dataset, e.Tag).GetEncodedLength(ts, options) - ownGroupLength;
            set.Add(position);
        }
        return set;
    }

    /// <summary>Where each top-level element that is neither a sequence nor encapsulated lies in the file.</summary>
    private static List<(DicomTag Tag, int Start, int End)> PlainValueRanges(DicomDataset dataset, DicomTransferSyntax ts, DicomWriteOptions? options)
    {
        var ordered = TopLevelBoundaries(dataset, ts, options).Order().ToList();
        var ranges = new List<(DicomTag, int, int)>();
        // The data set's elements are the last dataset.Count (+ group lengths) boundaries; walk them backwards.
        var elements = dataset.ToList();
        var index = ordered.Count - 1;
        for (var i = elements.Count - 1; i >= 0; i--, index--)
        {
            var (start, end) = (ordered[index - 1], ordered[index]);
            var first = i == 0 || elements[i - 1].Tag.Group != elements[i].Tag.Group;
            if (elements[i].Sequence is null && elements[i].Fragments is null) ranges.Add((elements[i].Tag, start, end));
            if (options?.IncludeGroupLengths == true && first) index--;
        }
        return ranges;
    }

    internal static void AssertIsPrefix(DicomDataset original, DicomDataset read, bool privateMayBecomeUN, string describe)
    {
        var readTags = read.Where(e => !e.Tag.IsGroupLength).Select(e => e.Tag).ToList();
        var expectedTags = original.Select(e => e.Tag).Take(readTags.Count).ToList();
        Assert.True(expectedTags.SequenceEqual(readTags), $"{describe}: read elements are not a prefix of the original");
        var expected = new DicomDataset();
        foreach (var tag in expectedTags) expected.CopyFrom(original, tag);
        var actual = read.Clone();
        IO.RoundTripTests.RemoveGroupLengths(actual);
        var diffs = DatasetComparer.Differences(expected, actual, privateMayBecomeUN);
        Assert.True(diffs.Count == 0, $"{describe}: {string.Join("; ", diffs.Take(5))}");
    }
}
