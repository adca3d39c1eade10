using System.Text;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Interop.Tests.Serialization;

/// <summary>Our DICOM JSON against DCMTK's dcm2json, on files DCMTK made.</summary>
public sealed class DcmtkJsonInteropTests(DcmtkSamples samples) : IClassFixture<DcmtkSamples>
{
    // dcm2json 3.6.7 converts text to UTF-8 and says so in (0008,0005) (PS3.18 F.2.2 note 3 now keeps
    // the source's), and prints FD with a home-made formatter that can be off in the last digits
    // (1e-300 becomes 9.9999999999999929e-301).
    private static readonly SameData.Leeway Dcm2json = new() { CharacterSetRewritten = true, PrintedFloats = true };

    public static TheoryData<string> Converted => ["rich", "rich-implicit", "rich-big-endian", "latin1", "pixels"];

    public static TheoryData<string> All => ["rich", "rich-implicit", "rich-big-endian", "latin1", "pixels", "encapsulated"];

    [Theory]
    [MemberData(nameof(Converted))]
    public void Our_JSON_and_dcm2json_describe_the_same_data(string sample)
    {
        var file = DicomFile.Open(samples[sample]);
        var ours = DicomJson.Deserialize(DicomJson.Serialize(file.Dataset));
        var theirs = DicomJson.Deserialize(Dcmtk.Run("dcm2json", [samples[sample]]).Output);
        SameData.Assert(theirs, ours, $"{sample}: dcm2json vs ours", Dcm2json);
        SameData.Assert(file.Dataset, ours, $"{sample}: file vs our JSON");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Our_JSON_read_back_and_saved_dumps_like_the_original(string sample)
    {
        var file = DicomFile.Open(samples[sample]);
        var json = DicomJson.Serialize(file.Dataset, new DicomJsonOptions { WriteIndented = true });
        var copy = samples.TempFile($"{sample}.from-our-json.dcm");
        new DicomFile(DicomJson.Deserialize(json), SaveSyntax(file)).Save(copy);
        Assert.Equal(Dcmtk.DumpDataset(samples[sample]), Dcmtk.DumpDataset(copy));
    }

    [Theory]
    [MemberData(nameof(Converted))]
    public void dcm2json_output_read_and_saved_dumps_like_the_original(string sample)
    {
        var file = DicomFile.Open(samples[sample]);
        var theirs = DicomJson.Read(Encoding.UTF8.GetBytes(Dcmtk.Run("dcm2json", [samples[sample]]).Output));
        var copy = samples.TempFile($"{sample}.from-dcm2json.dcm");
        new DicomFile(theirs, SaveSyntax(file)).Save(copy);
        var original = Dcmtk.DumpDataset(samples[sample], convertToUtf8: true);
        var ours = Dcmtk.DumpDataset(copy, convertToUtf8: true);
        // dcm2json rewrites IS and DS that are not JSON numbers ("+.5" becomes 0.5, "+012" 12) and
        // prints FD approximately: those lines differ in text only; SameData checks them as numbers.
        Assert.Equal(original.Where(l => !IsReprinted(l)), ours.Where(l => !IsReprinted(l)));
        SameData.Assert(file.Dataset, theirs, $"{sample}: file vs dcm2json", Dcm2json);
    }

    [Fact]
    public void Encapsulated_pixel_data_goes_where_dcm2json_refuses_to()
    {
        var refused = Dcmtk.Run("dcm2json", [samples["encapsulated"]], allowFailure: true);
        Assert.NotEqual(0, refused.ExitCode);
        var file = DicomFile.Open(samples["encapsulated"]);
        var back = DicomJson.Deserialize(DicomJson.Serialize(file.Dataset));
        SameData.Assert(file.Dataset, back, "encapsulated");
        Assert.Equal(3 - 1, back.GetFragments(DicomTag.PixelData)!.Count);
    }

    private static bool IsReprinted(string line) =>
        line.StartsWith("(0020,0032)") || line.StartsWith("(0020,0013)") || line.StartsWith("(0018,9089)") || line.StartsWith("(0011,1001) FL") || line.StartsWith("(0011,1002) FD");

    private static DicomTransferSyntax SaveSyntax(DicomFile file) =>
        file.TransferSyntax.IsEncapsulated ? file.TransferSyntax : DicomTransferSyntax.ExplicitVRLittleEndian;
}
