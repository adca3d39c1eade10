using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.IO;

/// <summary>Real-world breakage the reader accepts: each case reads, with the right values and a warning.</summary>
public class ToleranceTests
{
    private static readonly string ExplicitLE = DicomUid.ExplicitVRLittleEndian.Value;
    private static readonly string ImplicitLE = DicomUid.ImplicitVRLittleEndian.Value;

    private static DicomFile Read(RawDicom raw) => DicomFile.Read(new MemoryStream(raw.ToArray()));

    private static void AssertWarning(DicomFile file, string fragment) =>
        Assert.True(file.Warnings.Any(w => w.Contains(fragment, StringComparison.OrdinalIgnoreCase)),
            $"no warning containing '{fragment}' among: {string.Join(" | ", file.Warnings)}");

    [Fact]
    public void Odd_value_lengths()
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE)
            .Explicit(0x00100010, "PN", RawDicom.Ascii("Doe^Jo"[..5]))
            .Explicit(0x00100020, "LO", RawDicom.Ascii("ABC"))
            .Explicit(0x00091010, "OB", [1, 2, 3]));
        Assert.Equal("Doe^J", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Equal("ABC", file.Dataset.GetString(DicomTag.PatientID));
        Assert.Equal(new byte[] { 1, 2, 3 }, file.Dataset.GetBytes(new DicomTag(0x0009, 0x1010)).ToArray());
        AssertWarning(file, "(0010,0010) at offset 254 has an odd value length (5)");
        AssertWarning(file, "(0010,0020)");
        // Written back padded to even length.
        var again = DicomFile.Read(new MemoryStream(SampleData.FileBytes(file.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian)));
        Assert.Equal(6, again.Dataset[DicomTag.PatientName].Length);
        Assert.Equal("Doe^J", again.Dataset.GetString(DicomTag.PatientName));
    }

    [Fact]
    public void Explicit_VR_that_contradicts_the_dictionary_is_kept_as_written()
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE)
            .Explicit(0x00180050, "FD", BitConverter.GetBytes(2.5))
            .Explicit(0x00280010, "SS", RawDicom.U16(0xFFFE)));
        Assert.Equal(DicomVR.FD, file.Dataset[DicomTag.SliceThickness].VR);
        Assert.Equal(2.5, file.Dataset.GetValue<double>(DicomTag.SliceThickness));
        Assert.Equal(DicomVR.SS, file.Dataset[DicomTag.Rows].VR);
        Assert.Equal(-2, file.Dataset.GetValue<int>(DicomTag.Rows));
        AssertWarning(file, "(0018,0050) at offset 254 is written as FD");
        AssertWarning(file, "(0028,0010)");
    }

    [Fact]
    public void An_element_without_VR_bytes_in_an_explicit_stream_is_read_as_implicit()
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE)
            .Explicit(0x00080060, "CS", RawDicom.Text("MR"))
            .Implicit(0x00100010, RawDicom.Text("Doe^John"))
            .Explicit(0x00100020, "LO", RawDicom.Text("42")));
        Assert.Equal(DicomVR.PN, file.Dataset[DicomTag.PatientName].VR);
        Assert.Equal("Doe^John", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Equal("42", file.Dataset.GetString(DicomTag.PatientID));
        AssertWarning(file, "(0010,0010) at offset 264 has no VR");
    }

    [Fact]
    public void Missing_meta_group_length()
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE, groupLength: -1).Explicit(0x00100020, "LO", RawDicom.Text("42")));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("42", file.Dataset.GetString(DicomTag.PatientID));
        Assert.Equal("1.2.3.4", file.FileMetaInformation.GetString(DicomTag.MediaStorageSOPInstanceUID));
        AssertWarning(file, "no group length (0002,0000)");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(0)]
    public void Wrong_meta_group_length(long groupLength)
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE, groupLength).Explicit(0x00100020, "LO", RawDicom.Text("42")));
        Assert.Equal("42", file.Dataset.GetString(DicomTag.PatientID));
        Assert.Equal(ExplicitLE, file.FileMetaInformation.GetString(DicomTag.TransferSyntaxUID));
        AssertWarning(file, $"says {groupLength} bytes");
    }

    [Fact]
    public void Correct_meta_group_length_gives_no_warning()
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE).Explicit(0x00100020, "LO", RawDicom.Text("42")));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void UN_of_undefined_length_holding_implicit_items()
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE)
            .Explicit(0x00100020, "LO", RawDicom.Text("42"))
            .ExplicitHeader(0x00091010, "UN", 0xFFFFFFFF)
            .Item().Implicit(0x00080100, RawDicom.Text("CODE1")).Implicit(0x00080104, RawDicom.Text("Meaning")).ItemEnd()
            .Item(14).Implicit(0x00080100, RawDicom.Text("CODE2")).SequenceEnd()
            .Explicit(0x00100030, "DA", RawDicom.Text("20000101")));
        var items = file.Dataset.GetSequence(new DicomTag(0x0009, 0x1010));
        Assert.NotNull(items);
        Assert.Equal(2, items.Count);
        Assert.Equal("CODE1", items[0].GetString(DicomTag.CodeValue));
        Assert.Equal(DicomVR.SH, items[0][DicomTag.CodeValue].VR);
        Assert.Equal("Meaning", items[0].GetString(DicomTag.CodeMeaning));
        Assert.Equal("CODE2", items[1].GetString(DicomTag.CodeValue));
        Assert.Equal(new DateOnly(2000, 1, 1), file.Dataset.GetValue<DateOnly>(DicomTag.PatientBirthDate));
        AssertWarning(file, "(0009,1010) at offset 264 is UN with undefined length");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(64)]
    [InlineData(5000)]
    public void Trailing_zero_padding_after_the_last_element(int zeros)
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE).Explicit(0x00100020, "LO", RawDicom.Text("42")).Append(new byte[zeros]));
        Assert.Equal("42", file.Dataset.GetString(DicomTag.PatientID));
        Assert.Single(file.Dataset);
        Assert.True(file.Warnings.Any(w => w.Contains("padding") || w.Contains("zero-filled")), string.Join(" | ", file.Warnings));
    }

    [Fact]
    public void Explicit_data_set_declared_implicit()
    {
        var file = Read(new RawDicom().Preamble().Meta(ImplicitLE)
            .Explicit(0x00080060, "CS", RawDicom.Text("CT")).Explicit(0x00280010, "US", RawDicom.U16(512)));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal(512, file.Dataset.GetValue<int>(DicomTag.Rows));
        AssertWarning(file, "encoded as explicit VR little endian but declared implicit VR little endian");
    }

    [Fact]
    public void Implicit_data_set_declared_explicit()
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE)
            .Implicit(0x00080060, RawDicom.Text("CT")).Implicit(0x00280010, RawDicom.U16(512)));
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("CT", file.Dataset.GetString(DicomTag.Modality));
        Assert.Equal(512, file.Dataset.GetValue<int>(DicomTag.Rows));
        AssertWarning(file, "encoded as implicit VR little endian but declared explicit VR little endian");
    }

    [Fact]
    public void DICM_prefix_without_preamble()
    {
        var file = Read(new RawDicom().Prefix().Meta(ExplicitLE).Explicit(0x00100020, "LO", RawDicom.Text("42")));
        Assert.Equal("42", file.Dataset.GetString(DicomTag.PatientID));
        Assert.Equal(ExplicitLE, file.FileMetaInformation.GetString(DicomTag.TransferSyntaxUID));
        AssertWarning(file, "DICM prefix but no preamble");
    }

    [Theory]
    [InlineData("implicit")]
    [InlineData("explicit")]
    [InlineData("big")]
    public void Bare_data_set_without_preamble_or_meta(string encoding)
    {
        var raw = new RawDicom(bigEndian: encoding == "big");
        if (encoding == "implicit")
            raw.Implicit(0x00080060, RawDicom.Text("CT")).Implicit(0x00100010, RawDicom.Text("Doe")).Implicit(0x00280010, RawDicom.U16(0x0102));
        else
            raw.Explicit(0x00080060, "CS", RawDicom.Text("CT")).Explicit(0x00100010, "PN", RawDicom.Text("Doe"))
                .Explicit(0x00280010, "US", encoding == "big" ? [0x01, 0x02] : RawDicom.U16(0x0102));

        var file = Read(raw);

        var expected = encoding switch
        {
            "implicit" => DicomTransferSyntax.ImplicitVRLittleEndian,
            "explicit" => DicomTransferSyntax.ExplicitVRLittleEndian,
            _ => DicomTransferSyntax.ExplicitVRBigEndian,
        };
        Assert.Equal(expected, file.TransferSyntax);
        Assert.Empty(file.FileMetaInformation);
        Assert.Equal("CT", file.Dataset.GetString(DicomTag.Modality));
        Assert.Equal("Doe", file.Dataset.GetString(DicomTag.PatientName));
        Assert.Equal(0x0102, file.Dataset.GetValue<int>(DicomTag.Rows));
        AssertWarning(file, "neither preamble nor file meta information");
    }

    [Theory]
    [InlineData(0, 0x8000, 32768)]
    [InlineData(1, 0x8000, -32768)]
    [InlineData(1, 0xFC18, -1000)]
    public void Implicit_US_or_SS_follows_pixel_representation(ushort pixelRepresentation, ushort raw, int expected)
    {
        var file = Read(new RawDicom().Preamble().Meta(ImplicitLE)
            .Implicit(0x00280103, RawDicom.U16(pixelRepresentation))
            .Implicit(0x00280106, RawDicom.U16(raw))
            .Implicit(0x00283002, RawDicom.U16(raw, 0, 16)));
        Assert.Equal(pixelRepresentation == 1 ? DicomVR.SS : DicomVR.US, file.Dataset[DicomTag.SmallestImagePixelValue].VR);
        Assert.Equal(expected, file.Dataset.GetValue<int>(DicomTag.SmallestImagePixelValue));
        Assert.Equal(expected, file.Dataset.GetValue<int>(DicomTag.LUTDescriptor));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Implicit_US_or_SS_in_an_item_follows_the_enclosing_pixel_representation()
    {
        var file = Read(new RawDicom().Preamble().Meta(ImplicitLE)
            .Implicit(0x00280103, RawDicom.U16(1))
            .ImplicitHeader(0x00283010, 0xFFFFFFFF).Item().Implicit(0x00283002, RawDicom.U16(0xFFFF, 0, 16)).ItemEnd().SequenceEnd());
        var item = file.Dataset.GetSequence(DicomTag.VOILUTSequence)![0];
        Assert.Equal(DicomVR.SS, item[DicomTag.LUTDescriptor].VR);
        Assert.Equal(-1, item.GetValue<int>(DicomTag.LUTDescriptor));
    }

    [Fact]
    public void Implicit_US_or_SS_without_pixel_representation_is_US_with_a_warning()
    {
        var file = Read(new RawDicom().Preamble().Meta(ImplicitLE).Implicit(0x00280106, RawDicom.U16(0xFFFF)));
        Assert.Equal(DicomVR.US, file.Dataset[DicomTag.SmallestImagePixelValue].VR);
        Assert.Equal(65535, file.Dataset.GetValue<int>(DicomTag.SmallestImagePixelValue));
        AssertWarning(file, "(0028,0106) is US or SS and no Pixel Representation");
    }

    // It used to become an element (FFFE,E0DD) UN of the data set, which the writer then put back
    // into the file as an element: DCMTK refuses such a file.
    [Fact]
    public void Stray_sequence_delimiter_between_top_level_elements()
    {
        var file = Read(new RawDicom().Preamble().Meta(ExplicitLE)
            .Explicit(0x00080060, "CS", RawDicom.Text("CT")).SequenceEnd().Explicit(0x00100010, "PN", RawDicom.Text("A^B")));
        Assert.Equal([DicomTag.Modality, DicomTag.PatientName], file.Dataset.Select(e => e.Tag));
        Assert.Equal("A^B", file.Dataset.GetString(DicomTag.PatientName));
        AssertWarning(file, "stray sequence delimitation item at offset 264");
    }
}
