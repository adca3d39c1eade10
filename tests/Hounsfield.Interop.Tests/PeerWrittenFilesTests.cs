using System.Text;
using Hounsfield.Dicom;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests;

/// <summary>Files written by DCMTK and GDCM are read by Hounsfield with the values dcmdump shows.</summary>
public sealed class PeerWrittenFilesTests : IDisposable
{
    private readonly TempDirectory _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private string DumpFile()
    {
        var path = _tmp.File("input.dump");
        File.WriteAllText(path, Samples.DumpText.Replace("\r", ""), Encoding.Latin1);
        return path;
    }

    [Theory]
    [InlineData("+te", "1.2.840.10008.1.2.1", "")]
    [InlineData("+ti", "1.2.840.10008.1.2", "")]
    [InlineData("+tb", "1.2.840.10008.1.2.2", "")]
    [InlineData("+td", "1.2.840.10008.1.2.1.99", "")]
    [InlineData("+te", "1.2.840.10008.1.2.1", "-e")]
    [InlineData("+tb", "1.2.840.10008.1.2.2", "-e")]
    [InlineData("+ti", "1.2.840.10008.1.2", "+g")]
    public void Dump2dcm_files_in_every_syntax(string syntaxOption, string uid, string extra)
    {
        var output = _tmp.File("dump2dcm.dcm");
        PeerTool.Run("dump2dcm", [syntaxOption, .. extra.Length > 0 ? new[] { extra } : [], DumpFile(), output]).EnsureSuccess();

        var file = DicomFile.Open(output);

        Assert.Equal(uid, file.TransferSyntax.Uid.Value);
        Assert.Empty(file.Warnings);
        var dump = DcmDump.Run(output);
        DcmDump.AssertSame(dump.Dataset, file.Dataset, $"dump2dcm {syntaxOption} {extra}");
        DcmDump.AssertSame(dump.Meta, file.FileMetaInformation, $"dump2dcm {syntaxOption} {extra} meta");
        // A few values checked by hand as well, so both sides cannot be wrong together.
        if (file.TransferSyntax.IsExplicitVR) Assert.Equal(-32768, file.Dataset.GetValue<int>(new DicomTag(0x0009, 0x100E)));
        else Assert.Equal(DicomVR.UN, file.Dataset[new DicomTag(0x0009, 0x100E)].VR); // private, creator unknown to the dictionary
        Assert.Equal(-100, file.Dataset.GetValue<int>(DicomTag.SmallestImagePixelValue));
        Assert.Equal("inner", file.Dataset.GetSequence(DicomTag.ProcedureCodeSequence)![0].GetSequence(DicomTag.ConceptNameCodeSequence)![0].GetString(DicomTag.CodeMeaning));
        Assert.Equal("Hôpital", file.Dataset.GetString(DicomTag.InstitutionName));
    }

    [Theory]
    [InlineData("+te", "-te")]
    [InlineData("+ti", "-ti")]
    [InlineData("+tb", "-tb")]
    public void Dump2dcm_data_sets_without_meta_information(string syntaxOption, string readOption)
    {
        var output = _tmp.File("dataset.dcm");
        PeerTool.Run("dump2dcm", "-F", syntaxOption, DumpFile(), output).EnsureSuccess();

        var file = DicomFile.Open(output);

        Assert.Empty(file.FileMetaInformation);
        Assert.Contains(file.Warnings, w => w.Contains("neither preamble nor file meta information"));
        var expected = syntaxOption switch
        {
            "+te" => DicomTransferSyntax.ExplicitVRLittleEndian,
            "+ti" => DicomTransferSyntax.ImplicitVRLittleEndian,
            _ => DicomTransferSyntax.ExplicitVRBigEndian,
        };
        Assert.Equal(expected, file.TransferSyntax);
        DcmDump.AssertSame(DcmDump.Run(output, "-f", readOption).Dataset, file.Dataset, $"dump2dcm -F {syntaxOption}");
    }

    [Fact]
    public void Img2dcm_from_a_bitmap_we_wrote()
    {
        var (bmp, rgb) = Samples.Bitmap(5, 3);
        var input = _tmp.File("image.bmp");
        File.WriteAllBytes(input, bmp);
        var output = _tmp.File("img2dcm.dcm");
        PeerTool.Run("img2dcm", "-i", "BMP", input, output, "-k", "PatientName=Doe^Bitmap").EnsureSuccess();

        var file = DicomFile.Open(output);

        DcmDump.AssertSame(DcmDump.Run(output).Dataset, file.Dataset, "img2dcm");
        Assert.Equal(3, file.Dataset.GetValue<int>(DicomTag.Rows));
        Assert.Equal(5, file.Dataset.GetValue<int>(DicomTag.Columns));
        Assert.Equal("RGB", file.Dataset.GetString(DicomTag.PhotometricInterpretation));
        Assert.Equal("Doe^Bitmap", file.Dataset.GetString(DicomTag.PatientName));
        var pixels = file.Dataset.GetBytes(DicomTag.PixelData).ToArray();
        Assert.Equal(rgb, pixels[..rgb.Length]);
        Assert.True(pixels.Length == rgb.Length || pixels.Length == rgb.Length + 1 && pixels[^1] == 0);
    }

    [Theory]
    [InlineData("--implicit", "1.2.840.10008.1.2")]
    [InlineData("--explicit", "1.2.840.10008.1.2.1")]
    [InlineData("--raw", "1.2.840.10008.1.2.1")]
    [InlineData("--deflated", "1.2.840.10008.1.2.1.99")]
    public void Gdcmconv_files(string option, string uid)
    {
        var source = _tmp.File("source.dcm");
        PeerTool.Run("dump2dcm", "+te", DumpFile(), source).EnsureSuccess();
        var output = _tmp.File("gdcmconv.dcm");
        PeerTool.Run("gdcmconv", option, source, output).EnsureSuccess();

        var file = DicomFile.Open(output);

        Assert.Equal(uid, file.TransferSyntax.Uid.Value);
        DcmDump.AssertSame(DcmDump.Run(output).Dataset, file.Dataset, $"gdcmconv {option}");
        DcmDump.AssertSame(DcmDump.Run(output).Meta, file.FileMetaInformation, $"gdcmconv {option} meta");
        Assert.Equal([0xEF, 0xBE, 0xAD, 0xDE, 1, 0, 0, 0], file.Dataset.GetBytes(new DicomTag(0x0009, 0x1001)).ToArray());
    }
}
