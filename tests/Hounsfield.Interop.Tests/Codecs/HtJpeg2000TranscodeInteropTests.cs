using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Tests;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Codecs;

/// <summary>`hounsfield transcode` to the HTJ2K syntaxes: every frame decodes in ojph_expand, and the file comes back.</summary>
public sealed class HtJpeg2000TranscodeInteropTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Original(int frames)
    {
        const int rows = 70, columns = 52;
        var ds = Samples.MultiFrameCt12(rows, columns, frames, i => (i % columns) * 41 + (i / columns % rows) * 13 + i / (rows * columns) * 700 + (i * 7919 % 23));
        var path = _dir.File($"native-{frames}.dcm");
        new DicomFile(ds).Save(path);
        return path;
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.4.201", 1)]
    [InlineData("1.2.840.10008.1.2.4.201", 3)]
    [InlineData("1.2.840.10008.1.2.4.202", 2)]
    [InlineData("1.2.840.10008.1.2.4.203", 2)]
    public void Lossless_transcodes_decode_in_ojph_expand_and_come_back(string syntax, int frames)
    {
        var original = Original(frames);
        var compressed = _dir.File("compressed.dcm");
        HounsfieldCli.Run("transcode", "--ts", syntax, original, compressed).EnsureSuccess();
        var file = DicomFile.Open(compressed);
        Assert.Equal(syntax, file.TransferSyntax.Uid.Value);
        Assert.False(file.Dataset.Contains(DicomTag.LossyImageCompression));
        var info = FrameInfo.From(file.Dataset);
        var pixels = new DicomPixelData(file.Dataset);
        var native = new DicomPixelData(DicomFile.Open(original).Dataset);
        for (var f = 0; f < frames; f++)
            Assert.Equal(native.GetFrame(f), OpenJph.Expand(_dir.Path, info, pixels.GetFrame(f)));

        var back = _dir.File("back.dcm");
        HounsfieldCli.Run("transcode", "--ts", "ExplicitVRLittleEndian", compressed, back).EnsureSuccess();
        Assert.Equal(DicomFile.Open(original).Dataset.GetBytes(DicomTag.PixelData).ToArray(), DicomFile.Open(back).Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    [Fact]
    public void Lossy_transcode_records_the_ratio_and_decodes_in_ojph_expand()
    {
        var original = Original(1);
        var compressed = _dir.File("lossy.dcm");
        HounsfieldCli.Run("transcode", "--ts", "1.2.840.10008.1.2.4.203", "--ratio", "8", original, compressed).EnsureSuccess();
        var file = DicomFile.Open(compressed);
        Assert.Equal("01", file.Dataset.GetString(DicomTag.LossyImageCompression));
        Assert.Equal(["ISO_15444_15"], file.Dataset.GetStrings(DicomTag.LossyImageCompressionMethod));
        var info = FrameInfo.From(file.Dataset);
        var frame = new DicomPixelData(file.Dataset).GetFrame(0);
        Assert.True(frame.Length <= info.NativeFrameLength / 8 + 1);
        var ours = new byte[info.NativeFrameLength];
        new Dicom.Codecs.Jpeg2000.HighThroughput.HtJpeg2000Codec().Decode(file.TransferSyntax, frame, info, ours);
        Assert.True(TestImages.MaxError(info, OpenJph.Expand(_dir.Path, info, frame), ours) <= 1);
    }
}
