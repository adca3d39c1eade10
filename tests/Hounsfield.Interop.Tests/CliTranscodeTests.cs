using System.Text;
using Hounsfield.Dicom;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests;

/// <summary>`hounsfield transcode` between the uncompressed syntaxes keeps every value, as dcmdump sees it.</summary>
public sealed class CliTranscodeTests : IDisposable
{
    private readonly TempDirectory _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Round_trip_through_the_explicit_syntaxes_keeps_private_elements_and_sequences()
    {
        var start = _tmp.File("start.dcm");
        new DicomFile(Samples.Rich(), DicomTransferSyntax.ExplicitVRLittleEndian).Save(start);
        Chain(start, ["ExplicitVRBigEndian", "1.2.840.10008.1.2.1.99", "Explicit VR Little Endian", "ExplicitVRBigEndian", "ExplicitVRLittleEndian"]);
    }

    [Fact]
    public void Round_trip_through_implicit_VR()
    {
        var start = _tmp.File("start.dcm");
        new DicomFile(Samples.CTImage(), DicomTransferSyntax.ExplicitVRLittleEndian).Save(start);
        Chain(start, ["ImplicitVRLittleEndian", "ExplicitVRBigEndian", "DeflatedExplicitVRLittleEndian", "ImplicitVRLittleEndian", "ExplicitVRLittleEndian"]);
    }

    [Fact]
    public void Round_trip_of_a_file_written_by_dump2dcm()
    {
        var dump = _tmp.File("in.dump");
        File.WriteAllText(dump, Samples.DumpText, Encoding.Latin1);
        var start = _tmp.File("start.dcm");
        PeerTool.Run("dump2dcm", "+tb", dump, start).EnsureSuccess();
        Chain(start, ["ExplicitVRLittleEndian", "DeflatedExplicitVRLittleEndian", "ExplicitVRBigEndian"]);
    }

    [Fact]
    public void Unknown_syntax_names_are_refused()
    {
        var start = _tmp.File("start.dcm");
        new DicomFile(Samples.CTImage()).Save(start);
        var result = HounsfieldCli.Run("transcode", "--ts", "NoSuchSyntax", start, _tmp.File("out.dcm"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a transfer syntax", result.Error);
    }

    private void Chain(string start, string[] syntaxes)
    {
        var reference = DcmDump.Run(start).Dataset;
        var current = start;
        for (var i = 0; i < syntaxes.Length; i++)
        {
            var next = _tmp.File($"step{i}.dcm");
            HounsfieldCli.Run("transcode", "--ts", syntaxes[i], current, next).EnsureSuccess();
            var target = DicomTransferSyntax.Parse(syntaxes[i])!;
            var dump = DcmDump.Run(next);
            Assert.Contains(target.Uid.Value, dump.Meta.Single(e => e.Tag == DicomTag.TransferSyntaxUID).Value);
            var diffs = Differences(reference, dump.Dataset, "");
            Assert.True(diffs.Count == 0, $"after step {i} ({syntaxes[i]}) dcmdump shows other values:\n{string.Join('\n', diffs.Take(30))}");
            current = next;
        }
    }

    private static List<string> Differences(List<DumpElement> expected, List<DumpElement> actual, string path)
    {
        var diffs = new List<string>();
        if (!expected.Select(e => e.Tag).SequenceEqual(actual.Select(e => e.Tag)))
        {
            diffs.Add($"{path}: tags differ: {string.Join(' ', expected.Select(e => e.Tag))} / {string.Join(' ', actual.Select(e => e.Tag))}");
            return diffs;
        }
        for (var i = 0; i < expected.Count; i++)
        {
            var (a, b) = (expected[i], actual[i]);
            // A sequence may be written with other lengths (explicit or undefined); its items are compared below.
            if (a.VR != b.VR || (a.VR != "SQ" && a.Value != b.Value) || a.VM != b.VM)
                diffs.Add($"{path}{a.Tag}: {a.VR} {a.Value} (VM {a.VM}) became {b.VR} {b.Value} (VM {b.VM})");
            if (a.Items.Count != b.Items.Count) diffs.Add($"{path}{a.Tag}: {a.Items.Count} items became {b.Items.Count}");
            else
                for (var k = 0; k < a.Items.Count; k++) diffs.AddRange(Differences(a.Items[k], b.Items[k], $"{path}{a.Tag}[{k}]."));
        }
        return diffs;
    }
}
