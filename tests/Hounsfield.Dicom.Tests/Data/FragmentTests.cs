using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.Data;

/// <summary>Encapsulated pixel data: frames found by Basic or Extended Offset Table, one fragment per frame, or start markers.</summary>
public sealed class FragmentTests : IDisposable
{
    private static readonly DicomTransferSyntax Jpeg = DicomTransferSyntax.Get(DicomUid.JPEGBaseline8Bit.Value);
    private readonly string _dir = Directory.CreateTempSubdirectory("hounsfield-fragments-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, int, int> Layouts() => new()
    {
        { "basic offset table", 4, 3 },
        { "basic offset table", 3, 1 },
        { "extended offset table", 4, 2 },
        { "one fragment per frame", 5, 1 },
        { "start markers", 3, 3 },
        { "single frame", 1, 4 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Each_frame_reads_exactly_its_bytes_in_memory_and_from_disk(string layout, int frames, int fragmentsPerFrame)
    {
        var (ds, expected) = SampleData.Encapsulated(frames, fragmentsPerFrame, basicOffsetTable: layout == "basic offset table");
        IReadOnlyList<ulong>? extended = null;
        if (layout == "extended offset table")
        {
            extended = Offsets(ds.GetFragments(DicomTag.PixelData)!, fragmentsPerFrame);
            ds.Set(DicomTag.ExtendedOffsetTable, DicomVR.OV, extended.ToArray());
        }

        // In memory, as built.
        AssertFrames(ds.GetFragments(DicomTag.PixelData)!, frames, fragmentsPerFrame, expected, extended);

        // Read back from a file: fragments stay on disk and each frame reads only its own fragments.
        var path = Path.Combine(_dir, "multiframe.dcm");
        new DicomFile(ds, Jpeg).Save(path);
        using var counting = new CountingStream(File.OpenRead(path));
        var file = DicomFile.Read(counting);
        var fragments = file.Dataset.GetFragments(DicomTag.PixelData)!;
        Assert.All(fragments, f => Assert.NotNull(f.Bulk));
        var table = extended is null ? null : file.Dataset.GetValues<ulong>(DicomTag.ExtendedOffsetTable);
        var onDisk = File.ReadAllBytes(path);
        for (var frame = 0; frame < frames; frame++)
        {
            counting.ResetCounts();
            Assert.Equal(expected[frame], fragments.ReadFrame(frame, frames, table));
            var mine = fragments.Skip(frame * fragmentsPerFrame).Take(fragmentsPerFrame).ToHashSet();
            // Without offsets the frame boundaries are found by the start marker of each fragment: only
            // those two bytes of another frame's fragments may be looked at.
            var peek = layout == "start markers" ? 2 : 0;
            foreach (var other in fragments.Where(f => !mine.Contains(f)))
                Assert.False(counting.TouchedRange(other.Bulk!.Offset + peek, other.Bulk.Length - peek), $"reading frame {frame} read bytes of another frame's fragment at {other.Bulk.Offset}");
            foreach (var f in mine)
                Assert.Equal(f.GetBytes().ToArray(), onDisk[(int)f.Bulk!.Offset..(int)(f.Bulk.Offset + f.Bulk.Length)]);
        }

        // And via DicomFile.Open, which reads values back by path.
        var opened = DicomFile.Open(path);
        AssertFrames(opened.Dataset.GetFragments(DicomTag.PixelData)!, frames, fragmentsPerFrame, expected, table);
    }

    [Fact]
    public void Basic_offset_table_is_read_and_written()
    {
        var (ds, _) = SampleData.Encapsulated(3, 2, basicOffsetTable: true);
        var original = ds.GetFragments(DicomTag.PixelData)!;
        var bytes = SampleData.FileBytes(ds, Jpeg);
        var read = DicomFile.Read(new MemoryStream(bytes)).Dataset.GetFragments(DicomTag.PixelData)!;
        Assert.Equal(original.BasicOffsetTable, read.BasicOffsetTable);
        // Offsets run from the first fragment item's tag: fragment sizes 10,14 / 12,16 / 14,18 plus 8-byte headers.
        Assert.Equal([0u, 40u, 84u], read.BasicOffsetTable);
    }

    [Fact]
    public void Odd_length_fragments_are_padded_with_NUL()
    {
        var fragments = new DicomFragments { new DicomFragment(new byte[] { 0xFF, 0xD8, 0x01 }) };
        var ds = new DicomDataset().Set(DicomTag.PixelData, fragments);
        var bytes = SampleData.FileBytes(ds, Jpeg);
        Assert.Equal(Convert.FromHexString("FEFF00E004000000FFD80100FEFFDDE000000000"), bytes[^20..]);
    }

    [Fact]
    public void Frame_numbers_out_of_range_are_refused()
    {
        var (ds, _) = SampleData.Encapsulated(2, 1, basicOffsetTable: true);
        var fragments = ds.GetFragments(DicomTag.PixelData)!;
        Assert.Throws<ArgumentOutOfRangeException>(() => fragments.GetFrameFragments(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => fragments.GetFrameFragments(-1, 2));
        Assert.Throws<DicomFormatException>(() => fragments.GetFrameFragments(2, 3));
    }

    [Fact]
    public void Encapsulated_pixel_data_cannot_be_written_natively()
    {
        var (ds, _) = SampleData.Encapsulated(1, 1, basicOffsetTable: false);
        Assert.Throws<InvalidOperationException>(() => SampleData.FileBytes(ds, DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    private static void AssertFrames(DicomFragments fragments, int frames, int perFrame, byte[][] expected, IReadOnlyList<ulong>? extended)
    {
        for (var frame = 0; frame < frames; frame++)
        {
            var parts = fragments.GetFrameFragments(frame, frames, extended);
            Assert.Equal(perFrame, parts.Count);
            Assert.Equal(expected[frame], fragments.ReadFrame(frame, frames, extended));
        }
    }

    private static List<ulong> Offsets(DicomFragments fragments, int perFrame)
    {
        var offsets = new List<ulong>();
        ulong position = 0;
        for (var i = 0; i < fragments.Count; i++)
        {
            if (i % perFrame == 0) offsets.Add(position);
            position += 8 + (ulong)fragments[i].Length;
        }
        return offsets;
    }
}
