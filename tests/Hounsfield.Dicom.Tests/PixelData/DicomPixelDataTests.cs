using System.Buffers.Binary;

namespace Hounsfield.Dicom.Tests.PixelData;

public class DicomPixelDataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-pixel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DicomDataset Image(int rows, int columns, int frames, int bits = 16)
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SOPClassUID, DicomUid.MultiFrameGrayscaleWordSecondaryCaptureImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value);
        ds.Set(DicomTag.Rows, (ushort)rows).Set(DicomTag.Columns, (ushort)columns);
        ds.Set(DicomTag.SamplesPerPixel, (ushort)1).Set(DicomTag.BitsAllocated, (ushort)bits);
        ds.Set(DicomTag.NumberOfFrames, frames);
        return ds;
    }

    [Fact]
    public void Native_frames_come_from_the_file_one_at_a_time()
    {
        const int rows = 128, columns = 128, frames = 5;
        var ds = Image(rows, columns, frames);
        var pixels = new byte[rows * columns * 2 * frames];
        for (var i = 0; i < pixels.Length / 2; i++) BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(i * 2), (ushort)(i / (rows * columns) * 1000 + i % 7));
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        var path = Path.Combine(_dir, "mf.dcm");
        new DicomFile(ds).Save(path);

        var file = DicomFile.Open(path);
        Assert.NotNull(file.Dataset[DicomTag.PixelData].BulkData);
        var pixelData = new DicomPixelData(file.Dataset);
        Assert.Equal(frames, pixelData.NumberOfFrames);
        for (var f = 0; f < frames; f++)
            Assert.Equal(pixels.AsSpan(f * rows * columns * 2, rows * columns * 2).ToArray(), pixelData.GetFrame(f));
        Assert.Throws<ArgumentOutOfRangeException>(() => pixelData.GetFrame(frames));
    }

    [Fact]
    public void Packed_one_bit_frames_may_start_inside_a_byte()
    {
        var ds = Image(3, 3, 2, bits: 1);
        // Frame 0 has bits 0..8 set to 1,0,1,0,...; frame 1 (bits 9..17) all ones.
        var bits = new bool[18];
        for (var i = 0; i < 9; i++) bits[i] = i % 2 == 0;
        for (var i = 9; i < 18; i++) bits[i] = true;
        var packed = new byte[4];
        for (var i = 0; i < 18; i++) if (bits[i]) packed[i / 8] |= (byte)(1 << (i % 8));
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, packed);
        var frame1 = new DicomPixelData(ds).GetFrame(1);
        Assert.Equal(new byte[] { 0xFF, 0x01 }, frame1);
        Assert.Equal(new byte[] { 0x55, 0x01 }, new DicomPixelData(ds).GetFrame(0));
    }

    [Fact]
    public void Encapsulated_frames_follow_the_extended_offset_table_and_span_fragments()
    {
        var ds = Image(2, 2, 3);
        var fragments = new DicomFragments();
        byte[][] parts = [[0xFF, 0xD8, 1, 2], [3, 4], [0xFF, 0xD8, 5, 6], [0xFF, 0xD8, 7, 8, 9, 10]];
        foreach (var p in parts) fragments.Add(new DicomFragment(p));
        ds.Set(DicomTag.PixelData, fragments);
        // Offsets from the first fragment's item tag: frame 0 at 0 (two fragments), frame 1 at 8+4+8+2, frame 2 after it.
        ulong[] eot = [0, 22, 34];
        var eotBytes = new byte[eot.Length * 8];
        for (var i = 0; i < eot.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(eotBytes.AsSpan(i * 8), eot[i]);
        ds.SetBytes(DicomTag.ExtendedOffsetTable, DicomVR.OV, eotBytes);
        var path = Path.Combine(_dir, "enc.dcm");
        new DicomFile(ds, DicomTransferSyntax.Get("1.2.840.10008.1.2.4.70")).Save(path);

        var pixelData = new DicomPixelData(DicomFile.Open(path).Dataset);
        Assert.True(pixelData.IsEncapsulated);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 1, 2, 3, 4 }, pixelData.GetFrame(0));
        Assert.Equal(new byte[] { 0xFF, 0xD8, 5, 6 }, pixelData.GetFrame(1));
        Assert.Equal(new byte[] { 0xFF, 0xD8, 7, 8, 9, 10 }, pixelData.GetFrame(2));
    }

    [Fact]
    public void Encapsulated_frames_without_offsets_are_found_by_their_start_markers()
    {
        var fragments = new DicomFragments();
        byte[][] parts = [[0xFF, 0x4F, 1, 2], [3, 4], [0xFF, 0x4F, 5, 6]];
        foreach (var p in parts) fragments.Add(new DicomFragment(p));
        Assert.Equal(new byte[] { 0xFF, 0x4F, 1, 2, 3, 4 }, fragments.ReadFrame(0, 2));
        Assert.Equal(new byte[] { 0xFF, 0x4F, 5, 6 }, fragments.ReadFrame(1, 2));
    }

    [Fact]
    public void Offsets_count_the_pad_byte_of_an_odd_length_fragment_held_in_memory()
    {
        // A codec's odd-length output is written padded: frame 1 starts at 8 + 3 + 1.
        var fragments = new DicomFragments([0u, 12u]);
        fragments.Add(new DicomFragment(new byte[] { 0xFF, 0xD8, 1 }));
        fragments.Add(new DicomFragment(new byte[] { 0xFF, 0xD8, 2, 3 }));
        Assert.Equal(new byte[] { 0xFF, 0xD8, 1 }, fragments.ReadFrame(0, 2));
        Assert.Equal(new byte[] { 0xFF, 0xD8, 2, 3 }, fragments.ReadFrame(1, 2));
    }
}
