using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.Malformed;

public class TruncatedHeaderTests
{
    // The meta group loop only checked that 4 bytes were left before parsing an 8-byte header, then
    // read stale buffer bytes and moved past the end of the buffer (ArgumentOutOfRangeException).
    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_meta_element_header_cut_short_is_a_format_error(int headerBytes)
    {
        var whole = new RawDicom().Preamble().Meta(DicomUid.ExplicitVRLittleEndian.Value).ToArray();
        var cut = whole[..(132 + headerBytes)];
        foreach (var stream in new Stream[] { new MemoryStream(cut), new NonSeekableStream(cut) })
        {
            var e = Assert.Throws<DicomFormatException>(() => DicomFile.Read(stream));
            Assert.Equal(132, e.Offset);
            Assert.Contains("element header", e.Message);
        }
    }

    [Fact]
    public void An_explicit_long_header_cut_short_names_offset_and_tag()
    {
        var bytes = new RawDicom().Preamble().Meta(DicomUid.ExplicitVRLittleEndian.Value)
            .Explicit(0x00100010, "PN", RawDicom.Text("A^B")).ExplicitHeader(0x7FE00010, "OW", 4).ToArray();
        var e = Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(bytes[..^2])));
        Assert.Equal(DicomTag.PixelData, e.Tag);
        Assert.Contains("offset", e.Message);
    }
}
