using System.IO.Compression;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Dicom.Tests.IO;

/// <summary>
/// What the Part 10 reader produces, pinned down before its internals are tuned: values, order,
/// VRs, sequences, bulk references, fragments and warnings.
/// </summary>
public class DicomReaderTests
{
    private const string ExplicitLE = "1.2.840.10008.1.2.1";
    private const string ImplicitLE = "1.2.840.10008.1.2";
    private const string ExplicitBE = "1.2.840.10008.1.2.2";
    private const string JpegBaseline = "1.2.840.10008.1.2.4.50";

    public static TheoryData<string> Syntaxes => new() { ImplicitLE, ExplicitLE, ExplicitBE, "1.2.840.10008.1.2.1.99" };

    [Theory]
    [MemberData(nameof(Syntaxes))]
    public void Round_trips_a_rich_data_set_in_every_uncompressed_syntax(string uid)
    {
        var original = SampleFile();
        var syntax = DicomTransferSyntax.Get(uid);
        var bytes = Save(original, syntax);

        var seekable = DicomFile.Read(new MemoryStream(bytes));
        var forwardOnly = DicomFile.Read(new ForwardOnlyStream(bytes, maxChunk: 7));

        Assert.Equal(syntax, seekable.TransferSyntax);
        Assert.Empty(seekable.Warnings);
        var expected = Dump(original.Dataset);
        Assert.Equal(expected, Dump(seekable.Dataset));
        Assert.Equal(expected, Dump(forwardOnly.Dataset));
        Assert.Equal(syntax.Uid.Value, seekable.FileMetaInformation.GetString(DicomTag.TransferSyntaxUID));
        Assert.Equal(new ushort[] { 2, 65535 }, seekable.Dataset.GetValues<ushort>(new DicomTag(0x0009, 0x1002)));
        Assert.Equal(-1.5, seekable.Dataset.GetValue<double>(new DicomTag(0x0009, 0x1003), 1));
    }

    [Fact]
    public void Leaves_large_values_in_a_seekable_source_and_reads_them_inline_otherwise()
    {
        var file = SampleFile();
        var pixels = new byte[100_000];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7);
        file.Dataset.SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        var bytes = Save(file, DicomTransferSyntax.ExplicitVRLittleEndian);

        var stream = new MemoryStream(bytes);
        var lazy = DicomFile.Read(stream);
        var element = lazy.Dataset[DicomTag.PixelData];
        Assert.Equal(DicomValueKind.Bulk, element.Kind);
        Assert.Equal(bytes.Length - pixels.Length, element.BulkData!.Offset);
        Assert.Equal(pixels.Length, element.Length);
        Assert.Equal(pixels, lazy.Dataset.GetBytes(DicomTag.PixelData).ToArray());

        var eager = DicomFile.Read(new ForwardOnlyStream(bytes, maxChunk: 4000));
        Assert.Equal(DicomValueKind.Inline, eager.Dataset[DicomTag.PixelData].Kind);
        Assert.Equal(pixels, eager.Dataset.GetBytes(DicomTag.PixelData).ToArray());

        var all = DicomFile.Read(new MemoryStream(bytes), new DicomReadOptions { BulkDataThreshold = long.MaxValue });
        Assert.Equal(DicomValueKind.Inline, all.Dataset[DicomTag.PixelData].Kind);
        Assert.Equal(pixels, all.Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    [Fact]
    public void Opens_a_file_by_path_with_bulk_values_read_back_from_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hounsfield-reader-{Guid.NewGuid():N}.dcm");
        try
        {
            var file = SampleFile();
            var pixels = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
            file.Dataset.SetBytes(DicomTag.PixelData, DicomVR.OB, pixels);
            file.Save(path);
            var opened = DicomFile.Open(path);
            Assert.Equal(DicomValueKind.Bulk, opened.Dataset[DicomTag.PixelData].Kind);
            Assert.Equal(Dump(WithoutPixels(file.Dataset)), Dump(WithoutPixels(opened.Dataset)));
            Assert.Equal(pixels, opened.Dataset.GetBytes(DicomTag.PixelData).ToArray());
            Assert.Equal(Path.GetFullPath(path), opened.Dataset[DicomTag.PixelData].BulkData!.Source.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Values_of_one_parse_survive_later_parses()
    {
        var first = DicomFile.Read(new MemoryStream(Save(SampleFile(), DicomTransferSyntax.ExplicitVRLittleEndian)));
        var expected = Dump(first.Dataset);
        var other = SampleFile();
        other.Dataset.Set(DicomTag.PatientName, "Somebody^Else");
        other.Dataset.Set(DicomTag.StudyDescription, new string('x', 3000));
        var otherBytes = Save(other, DicomTransferSyntax.ExplicitVRLittleEndian);
        for (var i = 0; i < 50; i++) DicomFile.Read(new MemoryStream(otherBytes));
        GC.Collect();
        Assert.Equal(expected, Dump(first.Dataset));
    }

    [Fact]
    public void Reads_sequences_of_undefined_and_defined_length_with_parents_and_character_sets()
    {
        var raw = RawStream.Part10(ExplicitLE)
            .Text(0x00080005, DicomVR.CS, "ISO_IR 100")
            .Header(0x00081140, DicomVR.SQ, 0xFFFFFFFF)
            .Item()
            .Text(0x00081150, DicomVR.UI, "1.2.3", pad: 0)
            .Header(0x0040A730, DicomVR.SQ, 0xFFFFFFFF)
            .Item(length: 18)
            .Text(0x0040A160, DicomVR.UT, "\u00e9t\u00e9 ok")
            .SequenceEnd()
            .ItemEnd()
            .Item(length: 16)
            .Text(0x00081155, DicomVR.UI, "1.2.4.5", pad: 0)
            .SequenceEnd()
            .Header(0x00082112, DicomVR.SQ, 0)
            .Text(0x00100010, DicomVR.PN, "M\u00fcller^Hans");
        var file = DicomFile.Read(new MemoryStream(raw.ToArray()));

        Assert.Empty(file.Warnings);
        var sequence = file.Dataset.GetSequence(DicomTag.ReferencedImageSequence)!;
        Assert.Equal(2, sequence.Count);
        Assert.Same(file.Dataset, sequence.Owner);
        Assert.Same(file.Dataset, sequence[0].Parent);
        Assert.Equal("1.2.3", sequence[0].GetString(DicomTag.ReferencedSOPClassUID));
        Assert.Equal("1.2.4.5", sequence[1].GetString(DicomTag.ReferencedSOPInstanceUID));
        var nested = sequence[0].GetSequence(DicomTag.ContentSequence)!;
        Assert.Same(sequence[0], nested[0].Parent);
        Assert.Equal("\u00e9t\u00e9 ok", nested[0].GetString(DicomTag.TextValue));
        Assert.Equal("M\u00fcller^Hans", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Empty(file.Dataset.GetSequence(DicomTag.SourceImageSequence)!);
    }

    [Fact]
    public void Reads_long_and_deeply_nested_sequences_that_stay_editable()
    {
        var ds = new DicomDataset();
        var outer = ds.SetSequence(DicomTag.PerFrameFunctionalGroupsSequence);
        for (var i = 0; i < 300; i++)
        {
            var item = new DicomDataset();
            var inner = item.SetSequence(DicomTag.FrameContentSequence);
            for (var j = 0; j < 3; j++)
            {
                var leaf = new DicomDataset().Set(DicomTag.InStackPositionNumber, (uint)(i * 10 + j));
                leaf.SetSequence(DicomTag.PlanePositionSequence, new DicomDataset().Set(DicomTag.ImagePositionPatient, 1.0, 2.0, i));
                inner.Add(leaf);
            }
            item.Set(DicomTag.StackID, $"{i}");
            outer.Add(item);
        }
        ds.Set(DicomTag.PatientName, "After^Sequence");
        var read = DicomFile.Read(new MemoryStream(Save(new DicomFile(ds), DicomTransferSyntax.ImplicitVRLittleEndian))).Dataset;

        Assert.Equal(Dump(ds), Dump(read));
        var sequence = read.GetSequence(DicomTag.PerFrameFunctionalGroupsSequence)!;
        Assert.Equal(300, sequence.Count);
        Assert.Equal(2992u, sequence[299].GetSequence(DicomTag.FrameContentSequence)![2].GetValue<uint>(DicomTag.InStackPositionNumber));
        Assert.Equal(299.0, sequence[299].GetSequence(DicomTag.FrameContentSequence)![2]
            .GetSequence(DicomTag.PlanePositionSequence)![0].GetValue<double>(DicomTag.ImagePositionPatient, 2));
        var added = new DicomDataset().Set(DicomTag.StackID, "new");
        sequence.Add(added);
        sequence.Insert(0, new DicomDataset());
        Assert.Equal(302, sequence.Count);
        Assert.Same(read, added.Parent);
        Assert.Same(read, sequence[0].Parent);
        Assert.Equal("0", sequence[1].GetString(DicomTag.StackID));
    }

    [Fact]
    public void Sorts_out_of_order_elements_and_keeps_the_first_of_a_repeated_tag()
    {
        var raw = RawStream.Part10(ExplicitLE)
            .Text(0x00100020, DicomVR.LO, "ID-1")
            .Text(0x00100010, DicomVR.PN, "First^Name")
            .Text(0x00080060, DicomVR.CS, "CT")
            .Text(0x00100010, DicomVR.PN, "Second^Name")
            .Text(0x00200013, DicomVR.IS, "7");
        var file = DicomFile.Read(new MemoryStream(raw.ToArray()));

        Assert.Equal(new uint[] { 0x00080060, 0x00100010, 0x00100020, 0x00200013 }, file.Dataset.Select(e => e.Tag.Value));
        Assert.Equal("First^Name", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Equal(7, file.Dataset.GetValue<int>(DicomTag.InstanceNumber));
    }

    [Fact]
    public void Resolves_implicit_VRs_from_the_dictionary_private_creators_and_pixel_representation()
    {
        DicomDictionary.RegisterPrivate("READER TEST", 0x0029, 0x10, "ReaderTestValue", "Reader Test Value", DicomVR.DS);
        var raw = RawStream.Part10(ImplicitLE, explicitVR: false)
            .Text(0x00100010, DicomVR.PN, "Doe^Jane")
            .UInt16(0x00280103, 1)
            .Element(0x00280106, DicomVR.None, [0xFE, 0xFF])
            .Element(0x00290000, DicomVR.None, BitConverter.GetBytes(42u))
            .Text(0x00290010, DicomVR.LO, "READER TEST")
            .Text(0x00291010, DicomVR.None, "2.5")
            .Text(0x00291011, DicomVR.None, "?")
            .Text(0x00311010, DicomVR.None, "orphan");
        var ds = DicomFile.Read(new MemoryStream(raw.ToArray())).Dataset;

        Assert.Equal(DicomVR.PN, ds[DicomTag.PatientName].VR);
        Assert.Equal(DicomVR.SS, ds[DicomTag.SmallestImagePixelValue].VR);
        Assert.Equal((short)-2, ds.GetValue<short>(DicomTag.SmallestImagePixelValue));
        Assert.Equal(DicomVR.LO, ds[new DicomTag(0x0029, 0x0010)].VR);
        Assert.Equal(DicomVR.DS, ds[new DicomTag(0x0029, 0x1010)].VR);
        Assert.Equal(2.5, ds.GetValue<double>(new DicomTag(0x0029, 0x1010)));
        Assert.Equal(DicomVR.UN, ds[new DicomTag(0x0029, 0x1011)].VR);
        Assert.Equal(DicomVR.UN, ds[new DicomTag(0x0031, 0x1010)].VR);
        Assert.Equal(DicomVR.UL, ds[new DicomTag(0x0029, 0x0000)].VR);
    }

    [Fact]
    public void Reads_implicit_elements_inside_an_explicit_stream_with_a_warning()
    {
        var raw = RawStream.Part10(ExplicitLE)
            .Text(0x00080060, DicomVR.CS, "MR")
            .Bytes(0x10, 0x00, 0x10, 0x00, 0x08, 0x00, 0x00, 0x00)
            .Bytes("Doe^Jo  "u8.ToArray())
            .Text(0x00100020, DicomVR.LO, "ID");
        var file = DicomFile.Read(new MemoryStream(raw.ToArray()));
        Assert.Equal(DicomVR.PN, file.Dataset[DicomTag.PatientName].VR);
        Assert.Equal("Doe^Jo", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Equal("ID", file.Dataset.GetString(DicomTag.PatientID));
        Assert.Contains(file.Warnings, w => w.Contains("has no VR"));
    }

    [Fact]
    public void Reads_undefined_length_UN_as_an_implicit_sequence()
    {
        var inner = new RawStream(explicitVR: false).Text(0x00081150, DicomVR.UI, "1.2", pad: 0).ToArray();
        var raw = RawStream.Part10(ExplicitLE)
            .Header(0x00081140, DicomVR.UN, 0xFFFFFFFF)
            .Item(length: (uint)inner.Length).Bytes(inner)
            .SequenceEnd()
            .Header(0x00082112, DicomVR.UN, (uint)(inner.Length + 8))
            .Item(length: (uint)inner.Length).Bytes(inner);
        var ds = DicomFile.Read(new MemoryStream(raw.ToArray())).Dataset;
        Assert.Equal(DicomVR.SQ, ds[DicomTag.ReferencedImageSequence].VR);
        Assert.Equal("1.2", ds.GetSequence(DicomTag.ReferencedImageSequence)![0].GetString(DicomTag.ReferencedSOPClassUID));
        Assert.Equal("1.2", ds.GetSequence(DicomTag.SourceImageSequence)![0].GetString(DicomTag.ReferencedSOPClassUID));
    }

    [Fact]
    public void Swaps_big_endian_values_to_little_endian()
    {
        var raw = RawStream.Part10(ExplicitBE, bigEndian: true)
            .Element(0x00181310, DicomVR.US, [0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04])
            .Element(0x00209158, DicomVR.FD, BitConverter.GetBytes(1.25).Reverse().ToArray())
            .Element(0x00209165, DicomVR.AT, [0x00, 0x20, 0x90, 0x56])
            .UInt16(0x00280010, 512);
        var file = DicomFile.Read(new MemoryStream(raw.ToArray()));
        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian, file.TransferSyntax);
        Assert.Equal((ushort)512, file.Dataset.GetValue<ushort>(DicomTag.Rows));
        Assert.Equal(new ushort[] { 1, 2, 3, 4 }, file.Dataset.GetValues<ushort>(DicomTag.AcquisitionMatrix));
        Assert.Equal(1.25, file.Dataset.GetValue<double>(new DicomTag(0x0020, 0x9158)));
        Assert.Equal(DicomTag.StackID, file.Dataset.GetValue<DicomTag>(DicomTag.DimensionIndexPointer));
    }

    [Fact]
    public void Reads_encapsulated_pixel_data_as_fragments_left_in_the_source()
    {
        byte[] first = [0xFF, 0xD8, 1, 2, 3, 4];
        byte[] second = [0xFF, 0xD8, 9, 8];
        byte[] third = [7, 7, 7, 7, 7, 7, 7, 7];
        var raw = RawStream.Part10(JpegBaseline)
            .Text(0x00280008, DicomVR.IS, "2")
            .Header(0x7FE00010, DicomVR.OB, 0xFFFFFFFF)
            .Item(length: 8).Bytes(0, 0, 0, 0, 14, 0, 0, 0)
            .Item(length: (uint)first.Length).Bytes(first)
            .Item(length: (uint)second.Length).Bytes(second)
            .Item(length: (uint)third.Length).Bytes(third)
            .SequenceEnd();
        var bytes = raw.ToArray();
        var seekable = DicomFile.Read(new MemoryStream(bytes));
        var forwardOnly = DicomFile.Read(new ForwardOnlyStream(bytes, maxChunk: 5));

        foreach (var file in new[] { seekable, forwardOnly })
        {
            var fragments = file.Dataset.GetFragments(DicomTag.PixelData)!;
            Assert.Equal(DicomValueKind.Fragments, file.Dataset[DicomTag.PixelData].Kind);
            Assert.Equal(3, file.Dataset[DicomTag.PixelData].Length);
            Assert.Equal(new uint[] { 0, 14 }, fragments.BasicOffsetTable);
            Assert.Equal(3, fragments.Count);
            Assert.Equal(new long[] { 6, 4, 8 }, fragments.Select(f => f.Length));
            Assert.Equal(first, fragments[0].GetBytes().ToArray());
            Assert.Equal(second, fragments[1].GetBytes().ToArray());
            Assert.Equal(third, fragments[2].GetBytes().ToArray());
            Assert.Equal(first, fragments.ReadFrame(0, 2));
            Assert.Equal([.. second, .. third], fragments.ReadFrame(1, 2));
        }
        var bulk = seekable.Dataset.GetFragments(DicomTag.PixelData)![1].Bulk!;
        Assert.Equal(bytes.Length - 8 - third.Length - 8 - second.Length, bulk.Offset);
        Assert.Null(forwardOnly.Dataset.GetFragments(DicomTag.PixelData)![1].Bulk);
    }

    [Fact]
    public void Fragments_read_from_a_source_can_be_edited()
    {
        var raw = RawStream.Part10(JpegBaseline)
            .Header(0x7FE00010, DicomVR.OB, 0xFFFFFFFF)
            .Item(length: 0)
            .Item(length: 2).Bytes(1, 2)
            .Item(length: 4).Bytes(3, 4, 5, 6)
            .SequenceEnd();
        var fragments = DicomFile.Read(new MemoryStream(raw.ToArray())).Dataset.GetFragments(DicomTag.PixelData)!;
        Assert.Empty(fragments.BasicOffsetTable);
        Assert.Same(fragments[0], fragments[0]);
        Assert.Equal(new[] { fragments[0], fragments[1] }, fragments.ToArray());
        Assert.Equal(new[] { fragments[0], fragments[1] }, fragments.AsEnumerable());
        Assert.Equal(-1, fragments.IndexOf(new DicomFragment(new byte[] { 1, 2 })));
        var kept = fragments[1];
        fragments.RemoveAt(0);
        fragments.Add(new DicomFragment(new byte[] { 9, 9 }));
        fragments.Insert(0, new DicomFragment(new byte[] { 8 }));
        Assert.Equal(3, fragments.Count);
        Assert.Same(kept, fragments[1]);
        Assert.Equal(new byte[] { 8 }, fragments[0].GetBytes().ToArray());
        Assert.Equal(new byte[] { 3, 4, 5, 6 }, fragments[1].GetBytes().ToArray());
        Assert.Equal(new byte[] { 9, 9 }, fragments[2].GetBytes().ToArray());
        Assert.Contains(kept, fragments);
        Assert.Equal(1, fragments.IndexOf(kept));
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var _ in fragments) fragments.Add(new DicomFragment(new byte[] { 1 }));
        });
        fragments.Clear();
        Assert.Empty(fragments);
    }

    [Fact]
    public void Tolerates_trailing_padding_and_zero_filled_tails_with_warnings()
    {
        var padded = RawStream.Part10(ExplicitLE).Text(0x00100010, DicomVR.PN, "A^B").Bytes(0, 0, 0, 0, 0, 0).ToArray();
        var file = DicomFile.Read(new MemoryStream(padded));
        Assert.Equal("A^B", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Single(file.Warnings);
        Assert.Contains("trailing padding", file.Warnings[0]);

        var zeros = RawStream.Part10(ExplicitLE).Text(0x00100010, DicomVR.PN, "A^B").Bytes(new byte[40]).ToArray();
        file = DicomFile.Read(new MemoryStream(zeros));
        Assert.Equal(1, file.Dataset.Count);
        Assert.Contains(file.Warnings, w => w.Contains("zero-filled"));

        var clean = DicomFile.Read(new MemoryStream(RawStream.Part10(ExplicitLE).Text(0x00100010, DicomVR.PN, "A^B").ToArray()));
        Assert.Empty(clean.Warnings);
    }

    [Fact]
    public void Corrects_a_wrong_transfer_syntax_declaration_with_a_warning()
    {
        var raw = RawStream.Part10(ImplicitLE).Text(0x00080060, DicomVR.CS, "CT").Text(0x00100010, DicomVR.PN, "A^B");
        var file = DicomFile.Read(new MemoryStream(raw.ToArray()));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("A^B", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Contains(file.Warnings, w => w.Contains("declared implicit VR little endian"));
    }

    [Fact]
    public void Reads_files_without_preamble_or_meta_information()
    {
        var bare = new RawStream(explicitVR: false).Text(0x00080060, DicomVR.CS, "CT").Text(0x00100010, DicomVR.PN, "A^B").ToArray();
        var file = DicomFile.Read(new MemoryStream(bare));
        Assert.Equal(0, file.FileMetaInformation.Count);
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("A^B", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Contains(file.Warnings, w => w.Contains("neither preamble nor file meta information"));

        var ds = DicomDataset.Read(new MemoryStream(bare), DicomTransferSyntax.ImplicitVRLittleEndian);
        Assert.Equal("CT", ds.GetString(DicomTag.Modality));
    }

    [Fact]
    public void Stops_at_the_requested_tag()
    {
        var bytes = Save(SampleFile(), DicomTransferSyntax.ExplicitVRLittleEndian);
        var file = DicomFile.Read(new MemoryStream(bytes), new DicomReadOptions { StopAtTag = DicomTag.PatientName });
        Assert.True(file.Dataset.Contains(DicomTag.Modality));
        Assert.False(file.Dataset.Contains(DicomTag.PatientName));
        Assert.False(file.Dataset.Contains(DicomTag.Rows));
    }

    [Fact]
    public void Rejects_damaged_input_with_offsets()
    {
        var truncatedValue = RawStream.Part10(ExplicitLE).Element(0x00100010, DicomVR.PN, "AB"u8.ToArray(), length: 10).ToArray();
        var e = Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(truncatedValue)));
        Assert.Equal(DicomTag.PatientName, e.Tag);
        Assert.Throws<DicomFormatException>(() => DicomFile.Read(new ForwardOnlyStream(truncatedValue)));

        var truncatedHeader = RawStream.Part10(ExplicitLE).Text(0x00100010, DicomVR.PN, "AB").Bytes(0x10, 0x00, 0x20).ToArray();
        Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(truncatedHeader)));

        var openItem = RawStream.Part10(ExplicitLE).Header(0x00081140, DicomVR.SQ, 0xFFFFFFFF).Item().Text(0x00081150, DicomVR.UI, "1.2", 0).ToArray();
        Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(openItem)));

        var notAnItem = RawStream.Part10(ExplicitLE).Header(0x00081140, DicomVR.SQ, 0xFFFFFFFF).Text(0x00081150, DicomVR.UI, "1.2", 0).ToArray();
        Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(notAnItem)));

        var deep = RawStream.Part10(ExplicitLE);
        for (var i = 0; i < 10; i++) deep.Header(0x00081140, DicomVR.SQ, 0xFFFFFFFF).Item();
        var tooDeep = Assert.Throws<DicomFormatException>(() =>
            DicomFile.Read(new MemoryStream(deep.ToArray()), new DicomReadOptions { MaxSequenceDepth = 5 }));
        Assert.Contains("deeper than 5", tooDeep.Message);
    }

    [Fact]
    public void Reads_many_elements_and_large_values_across_buffer_boundaries()
    {
        var ds = new DicomDataset();
        for (ushort i = 1; i <= 3000; i++) ds.Set(new DicomTag(0x0011, i), DicomVR.LO, $"value {i}");
        ds.Set(new DicomTag(0x0013, 0x0001), DicomVR.LT, new string('y', 40_001));
        ds.Set(new DicomTag(0x0013, 0x0002), DicomVR.UN, Enumerable.Range(0, 50_000).Select(i => (byte)i).ToArray());
        var bytes = Save(new DicomFile(ds), DicomTransferSyntax.ExplicitVRLittleEndian);
        foreach (var read in new[] { DicomFile.Read(new MemoryStream(bytes)), DicomFile.Read(new ForwardOnlyStream(bytes, 3333)) })
        {
            Assert.Equal(3002, read.Dataset.Count);
            Assert.Equal("value 2999", read.Dataset.GetString(new DicomTag(0x0011, 2999)));
            Assert.Equal(40_001, read.Dataset.GetString(new DicomTag(0x0013, 0x0001))!.Length);
            Assert.Equal(ds.GetBytes(new DicomTag(0x0013, 0x0002)).ToArray(), read.Dataset.GetBytes(new DicomTag(0x0013, 0x0002)).ToArray());
        }
    }

    [Fact]
    public void Reads_a_deflated_file_and_a_deflated_bare_data_set()
    {
        var file = SampleFile();
        var bytes = Save(file, DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        Assert.Equal(Dump(file.Dataset), Dump(DicomFile.Read(new ForwardOnlyStream(bytes, 100)).Dataset));

        var bare = new MemoryStream();
        file.Dataset.WriteTo(bare, DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        var ds = DicomDataset.Read(new MemoryStream(bare.ToArray()), DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        Assert.Equal(Dump(file.Dataset), Dump(ds));
    }

    static DicomReaderTests()
    {
        DicomDictionary.RegisterPrivate("SAMPLE CREATOR", 0x0009, 0x01, "SampleText", "Sample Text", DicomVR.LO);
        DicomDictionary.RegisterPrivate("SAMPLE CREATOR", 0x0009, 0x02, "SampleUS", "Sample US", DicomVR.US, "1-n");
        DicomDictionary.RegisterPrivate("SAMPLE CREATOR", 0x0009, 0x03, "SampleFD", "Sample FD", DicomVR.FD, "1-n");
        DicomDictionary.RegisterPrivate("SAMPLE CREATOR", 0x0009, 0x04, "SampleSL", "Sample SL", DicomVR.SL, "1-n");
        DicomDictionary.RegisterPrivate("SAMPLE CREATOR", 0x0009, 0x05, "SampleOB", "Sample OB", DicomVR.OB);
    }

    internal static DicomFile SampleFile()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100");
        ds.Set(DicomTag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value);
        ds.Set(DicomTag.SOPInstanceUID, "2.25.1234.1");
        ds.Set(DicomTag.StudyDate, new DateOnly(2024, 3, 14));
        ds.Set(DicomTag.Modality, "CT");
        ds.Set(DicomTag.PatientName, "M\u00fcller^Anna");
        ds.Set(DicomTag.PatientID, "P1");
        ds.SetEmpty(DicomTag.PatientBirthDate);
        ds.Set(DicomTag.SliceThickness, 1.25);
        ds.Set(DicomTag.Rows, (ushort)4);
        ds.Set(DicomTag.Columns, (ushort)4);
        ds.Set(DicomTag.PixelSpacing, 0.5, 0.5);
        ds.Set(DicomTag.ImagePositionPatient, -10.0, 20.5, 30.25);
        ds.Set(DicomTag.InstanceNumber, 12);
        ds.Set(DicomTag.FrameIncrementPointer, DicomTag.FrameTime);
        ds.Set(DicomTag.RescaleIntercept, -1024.0);
        ds.Set(DicomTag.SmallestImagePixelValue, (ushort)3);
        ds.Set(DicomTag.PixelRepresentation, (ushort)0);
        ds.Set(new DicomTag(0x0018, 0x9327), DicomVR.FD, 125.5, -0.25);
        ds.Set(new DicomTag(0x0018, 0x9306), DicomVR.FD, 0.625);
        ds.Set(new DicomTag(0x0009, 0x0010), DicomVR.LO, "SAMPLE CREATOR");
        ds.Set(new DicomTag(0x0009, 0x1001), DicomVR.LO, "private text");
        ds.Set(new DicomTag(0x0009, 0x1002), DicomVR.US, (ushort)2, (ushort)65535);
        ds.Set(new DicomTag(0x0009, 0x1003), DicomVR.FD, 0.5, -1.5);
        ds.Set(new DicomTag(0x0009, 0x1004), DicomVR.SL, -7, 8);
        ds.Set(new DicomTag(0x0009, 0x1005), DicomVR.OB, new byte[] { 1, 2, 3 });
        var referenced = ds.SetSequence(DicomTag.ReferencedImageSequence);
        for (var i = 0; i < 3; i++)
        {
            var item = new DicomDataset().Set(DicomTag.ReferencedSOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.ReferencedSOPInstanceUID, $"2.25.1234.{i}");
            item.SetSequence(DicomTag.PurposeOfReferenceCodeSequence, new DicomDataset().Set(DicomTag.CodeValue, "121311").Set(DicomTag.CodeMeaning, "Localizer"));
            referenced.Add(item);
        }
        ds.SetSequence(DicomTag.SourceImageSequence);
        var pixels = new byte[32];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 5);
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        return new DicomFile(ds);
    }

    private static DicomDataset WithoutPixels(DicomDataset dataset)
    {
        var copy = dataset.Clone();
        copy.Remove(DicomTag.PixelData);
        return copy;
    }

    internal static byte[] Save(DicomFile file, DicomTransferSyntax syntax)
    {
        var stream = new MemoryStream();
        file.Save(stream, syntax);
        return stream.ToArray();
    }

    /// <summary>The data set as text, every value in full, for comparing two parses.</summary>
    internal static string Dump(DicomDataset dataset)
    {
        var writer = new StringWriter();
        Write(dataset, 0);
        return writer.ToString();

        void Write(DicomDataset ds, int depth)
        {
            foreach (var e in ds)
            {
                writer.Write($"{new string(' ', depth * 2)}{e.Tag} {e.VR} {e.Kind} {e.Length}");
                if (e.Kind == DicomValueKind.Sequence)
                {
                    writer.WriteLine();
                    foreach (var item in e.Sequence!)
                    {
                        Assert.Same(ds, item.Parent);
                        Write(item, depth + 1);
                    }
                }
                else if (e.Kind == DicomValueKind.Inline)
                {
                    writer.WriteLine($" {Convert.ToHexString(e.Bytes)} [{e.GetString()}]");
                }
                else
                {
                    writer.WriteLine();
                }
            }
        }
    }

    [Fact]
    public void The_dump_of_a_read_file_matches_the_dump_of_the_original()
    {
        var file = SampleFile();
        var read = DicomFile.Read(new MemoryStream(Save(file, DicomTransferSyntax.ExplicitVRLittleEndian)));
        var expected = DicomDumpWriter.ToString(new DicomFile(file.Dataset)).Split('\n').SkipWhile(l => !l.StartsWith("# Dicom-Data-Set"));
        var actual = DicomDumpWriter.ToString(read).Split('\n').SkipWhile(l => !l.StartsWith("# Dicom-Data-Set"));
        Assert.Equal(expected, actual);
    }
}
