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
        var pixels = new byte[rows * columns * 2 * frames];
        for (var i = 0; i < pixels.Length / 2; i++)
        {
            var value = (ushort)((i % columns) * 37 + (i / columns % rows) * 11 + i / (rows * columns) * 500);
            pixels[2 * i] = (byte)value;
            pixels[2 * i + 1] = (byte)(value >> 8 & 0x0F);
        }
        var ds = new DicomDataset()
            .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value)
            .Set(DicomTag.StudyInstanceUID, DicomUid.Generate().Value).Set(DicomTag.SeriesInstanceUID, DicomUid.Generate().Value)
            .Set(DicomTag.SamplesPerPixel, (ushort)1).Set(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Set(DicomTag.Rows, (ushort)rows).Set(DicomTag.Columns, (ushort)columns)
            .Set(DicomTag.BitsAllocated, (ushort)16).Set(DicomTag.BitsStored, (ushort)12).Set(DicomTag.HighBit, (ushort)11)
            .Set(DicomTag.PixelRepresentation, (ushort)0).Set(DicomTag.NumberOfFrames, frames)
            .SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
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

    [Fact]
    public void A_syntax_without_a_codec_is_refused_clearly()
    {
        var result = HounsfieldCli.Run("transcode", "--ts", "1.2.840.10008.1.2.4.90", Original(1), Path.Combine(_dir, "j2k.dcm"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not built yet", result.Error);
    }
}
