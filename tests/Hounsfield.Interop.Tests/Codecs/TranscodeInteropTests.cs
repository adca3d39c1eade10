using Hounsfield.Dicom;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>`hounsfield transcode` to each lossless syntax, checked by DCMTK's own decoders, and back.</summary>
public sealed class TranscodeInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-transcode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Original(int frames)
    {
        const int rows = 64, columns = 48;
        var ds = Samples.MultiFrameCt12(rows, columns, frames, i => (i % columns) * 37 + (i / columns % rows) * 11 + i / (rows * columns) * 500);
        var path = Path.Combine(_dir, $"native-{frames}.dcm");
        new DicomFile(ds).Save(path);
        return path;
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.5", "dcmdrle", 1)]
    [InlineData("1.2.840.10008.1.2.5", "dcmdrle", 3)]
    [InlineData("1.2.840.10008.1.2.4.80", "dcmdjpls", 1)]
    [InlineData("1.2.840.10008.1.2.4.80", "dcmdjpls", 3)]
    [InlineData("1.2.840.10008.1.2.4.70", "dcmdjpeg", 1)]
    [InlineData("1.2.840.10008.1.2.4.57", "dcmdjpeg", 2)]
    public void Lossless_transcodes_decode_in_dcmtk_to_the_original_pixels_and_come_back(string syntax, string decoder, int frames)
    {
        var original = Original(frames);
        var compressed = Path.Combine(_dir, "compressed.dcm");
        HounsfieldCli.Run("transcode", "--ts", syntax, original, compressed).EnsureSuccess();
        Assert.Equal(syntax, DicomFile.Open(compressed).TransferSyntax.Uid.Value);

        var decodedByDcmtk = Path.Combine(_dir, "dcmtk.dcm");
        PeerTool.Run(decoder, compressed, decodedByDcmtk).EnsureSuccess();
        var expected = DicomFile.Open(original).Dataset.GetBytes(DicomTag.PixelData).ToArray();
        Assert.Equal(expected, DicomFile.Open(decodedByDcmtk).Dataset.GetBytes(DicomTag.PixelData).ToArray());

        var back = Path.Combine(_dir, "back.dcm");
        HounsfieldCli.Run("transcode", "--ts", "ExplicitVRLittleEndian", compressed, back).EnsureSuccess();
        Assert.Equal(expected, DicomFile.Open(back).Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    // GDCM (built on OpenJPEG) decodes our JPEG 2000 files; its own J2K files decode in ours.
    [Theory]
    [InlineData("1.2.840.10008.1.2.4.90", 1)]
    [InlineData("1.2.840.10008.1.2.4.90", 3)]
    [InlineData("1.2.840.10008.1.2.4.91", 2)]
    public void Jpeg2000_transcodes_decode_in_gdcm_to_the_original_pixels_and_come_back(string syntax, int frames)
    {
        var original = Original(frames);
        var compressed = Path.Combine(_dir, "j2k.dcm");
        HounsfieldCli.Run("transcode", "--ts", syntax, original, compressed).EnsureSuccess();
        Assert.Equal(syntax, DicomFile.Open(compressed).TransferSyntax.Uid.Value);
        var decodedByGdcm = Path.Combine(_dir, "gdcm.dcm");
        PeerTool.Run("gdcmconv", "--raw", compressed, decodedByGdcm).EnsureSuccess();
        var expected = DicomFile.Open(original).Dataset.GetBytes(DicomTag.PixelData).ToArray();
        Assert.Equal(expected, DicomFile.Open(decodedByGdcm).Dataset.GetBytes(DicomTag.PixelData).ToArray());

        var byGdcm = Path.Combine(_dir, "gdcm-j2k.dcm");
        PeerTool.Run("gdcmconv", "--j2k", original, byGdcm).EnsureSuccess();
        var back = Path.Combine(_dir, "back.dcm");
        HounsfieldCli.Run("transcode", "--ts", "ExplicitVRLittleEndian", byGdcm, back).EnsureSuccess();
        Assert.Equal(expected, DicomFile.Open(back).Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    [Fact]
    public void Lossy_jpeg2000_transcode_records_the_ratio_and_decodes_in_gdcm()
    {
        var original = Original(1);
        var compressed = Path.Combine(_dir, "j2k-lossy.dcm");
        HounsfieldCli.Run("transcode", "--ts", "1.2.840.10008.1.2.4.91", "--ratio", "8", original, compressed).EnsureSuccess();
        var file = DicomFile.Open(compressed);
        Assert.Equal("01", file.Dataset.GetString(DicomTag.LossyImageCompression));
        Assert.Equal(["ISO_15444_1"], file.Dataset.GetStrings(DicomTag.LossyImageCompressionMethod));
        var decodedByGdcm = Path.Combine(_dir, "gdcm.dcm");
        PeerTool.Run("gdcmconv", "--raw", compressed, decodedByGdcm).EnsureSuccess();
        var ours = Path.Combine(_dir, "ours.dcm");
        HounsfieldCli.Run("transcode", "--ts", "ExplicitVRLittleEndian", compressed, ours).EnsureSuccess();
        // Both decoders run the 9/7 in single precision; they may round a sample differently by one.
        var a = DicomFile.Open(ours).Dataset.GetBytes(DicomTag.PixelData).ToArray();
        var b = DicomFile.Open(decodedByGdcm).Dataset.GetBytes(DicomTag.PixelData).ToArray();
        Assert.Equal(a.Length, b.Length);
        for (var i = 0; i < a.Length; i += 2)
            Assert.InRange((a[i] | a[i + 1] << 8) - (b[i] | b[i + 1] << 8), -1, 1);
    }

    [Fact]
    public void A_syntax_without_a_codec_is_refused_clearly()
    {
        var result = HounsfieldCli.Run("transcode", "--ts", "1.2.840.10008.1.2.4.100", Original(1), Path.Combine(_dir, "mpeg2.dcm"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not built yet", result.Error);
    }
}
