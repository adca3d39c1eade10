using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Serialization;

namespace Hounsfield.Interop.Tests.Serialization;

/// <summary><c>hounsfield dump --json/--xml</c> against dcm2json and dcm2xml on DCMTK-made files.</summary>
public sealed class DumpCommandInteropTests(DcmtkSamples samples) : IClassFixture<DcmtkSamples>
{
    private static readonly DicomBulkDataOptions ResolveFiles = new() { Resolver = DicomBulkDataUri.ResolveFile };

    [Fact]
    public void Dump_json_references_large_values_in_the_file_and_describes_what_dcm2json_does()
    {
        var output = Hounsfield("dump", samples["pixels"], "--json");
        Assert.StartsWith("{\n  \"0008", output.Replace("\r\n", "\n"));
        var json = JsonDocument.Parse(output).RootElement;
        Assert.False(json.TryGetProperty("00020010", out _));
        var uri = json.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString()!;
        Assert.True(DicomBulkDataUri.TryParseFile(uri, out var path, out _, out var length));
        Assert.Equal(Path.GetFullPath(samples["pixels"]), path);
        Assert.Equal(200_000, length);
        Assert.True(output.Length < 4000, "the pixels must not be inlined");

        var ours = DicomJson.Deserialize(output, new DicomJsonOptions { BulkData = ResolveFiles });
        var theirs = DicomJson.Deserialize(Dcmtk.Run("dcm2json", [samples["pixels"]]).Output);
        SameData.Assert(theirs, ours, "dump --json vs dcm2json");
    }

    [Fact]
    public void Dump_xml_describes_what_dcm2xml_does()
    {
        var output = Hounsfield("dump", samples["rich"], "--xml");
        var ours = DicomXml.Deserialize(output, new DicomXmlOptions { BulkData = ResolveFiles });
        var theirs = DicomXml.Read(new MemoryStream(Dcmtk.Run("dcm2xml", ["-nat", "+Eb", samples["rich"]]).OutputBytes));
        SameData.Assert(theirs, ours, "dump --xml vs dcm2xml",
            new SameData.Leeway { SwappedBinary = true, PrintedFloats = true, Skip = [DicomTag.ReferringPhysicianName] });
        SameData.Assert(DicomFile.Open(samples["rich"]).Dataset, ours, "dump --xml vs file");
    }

    [Fact]
    public void Dump_refuses_both_formats_at_once()
    {
        var (exit, _, error) = Start("dump", samples["rich"], "--json", "--xml");
        Assert.Equal(1, exit);
        Assert.Contains("--json", error);
    }

    private static string Hounsfield(params string[] arguments)
    {
        var (exit, output, error) = Start(arguments);
        Assert.True(exit == 0, $"hounsfield {string.Join(' ', arguments)} exited with {exit}: {error}");
        return output;
    }

    private static (int Exit, string Output, string Error) Start(params string[] arguments)
    {
        var start = Support.HounsfieldCli.StartInfo(arguments);
        start.StandardOutputEncoding = Encoding.UTF8;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail("hounsfield did not finish within 2 minutes and was stopped");
        }
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
