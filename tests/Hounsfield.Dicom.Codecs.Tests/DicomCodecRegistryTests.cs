using Hounsfield.Dicom.Codecs.Jpeg;
using Hounsfield.Dicom.Codecs.JpegLs;
using Hounsfield.Dicom.Codecs.Rle;

namespace Hounsfield.Dicom.Codecs.Tests;

public class DicomCodecRegistryTests
{
    [Theory]
    [InlineData("1.2.840.10008.1.2.5", typeof(RleCodec))]
    [InlineData("1.2.840.10008.1.2.4.50", typeof(JpegCodec))]
    [InlineData("1.2.840.10008.1.2.4.51", typeof(JpegCodec))]
    [InlineData("1.2.840.10008.1.2.4.57", typeof(JpegCodec))]
    [InlineData("1.2.840.10008.1.2.4.70", typeof(JpegCodec))]
    [InlineData("1.2.840.10008.1.2.4.80", typeof(JpegLsCodec))]
    [InlineData("1.2.840.10008.1.2.4.81", typeof(JpegLsCodec))]
    [InlineData("1.2.840.10008.1.2.4.90", typeof(Hounsfield.Dicom.Codecs.Jpeg2000.Jpeg2000Codec))]
    [InlineData("1.2.840.10008.1.2.4.91", typeof(Hounsfield.Dicom.Codecs.Jpeg2000.Jpeg2000Codec))]
    [InlineData("1.2.840.10008.1.2.4.201", typeof(Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput.HtJpeg2000Codec))]
    [InlineData("1.2.840.10008.1.2.4.202", typeof(Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput.HtJpeg2000Codec))]
    [InlineData("1.2.840.10008.1.2.4.203", typeof(Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput.HtJpeg2000Codec))]
    public void Every_built_codec_is_found_by_its_transfer_syntax(string uid, Type codec) =>
        Assert.IsType(codec, DicomCodecRegistry.Get(DicomTransferSyntax.Get(uid)));

    [Fact]
    public void Syntaxes_without_a_codec_are_reported()
    {
        Assert.False(DicomCodecRegistry.TryGet(DicomTransferSyntax.Get("1.2.840.10008.1.2.4.100"), out _));
    }
}
