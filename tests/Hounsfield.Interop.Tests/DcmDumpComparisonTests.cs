using System.Text;
using Hounsfield.Dicom;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests;

/// <summary>The dcmdump comparison itself must notice differences, or the interop tests prove nothing.</summary>
public sealed class DcmDumpComparisonTests : IDisposable
{
    private readonly TempDirectory _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Changed_missing_and_extra_values_are_reported()
    {
        var dump = _tmp.File("in.dump");
        File.WriteAllText(dump, Samples.DumpText, Encoding.Latin1);
        var path = _tmp.File("in.dcm");
        PeerTool.Run("dump2dcm", "+te", dump, path).EnsureSuccess();
        var parsed = DcmDump.Run(path);
        var file = DicomFile.Open(path);
        Assert.Empty(DcmDump.Compare(parsed.Dataset, file.Dataset));

        var changed = file.Dataset.Clone();
        changed.Set(DicomTag.PatientName, "Doe^Johnny");
        changed.Set(new DicomTag(0x0009, 0x1004), DicomVR.FD, Math.PI, -1.1e-300);
        changed.Set(new DicomTag(0x0009, 0x1008), DicomVR.OW, (ushort)0x0102, (ushort)0xFFFF);
        changed.GetSequence(DicomTag.ProcedureCodeSequence)![1].Set(DicomTag.CodeValue, "THREE");
        changed.Remove(DicomTag.Modality);
        changed.Set(DicomTag.PatientSex, "F");
        var diffs = DcmDump.Compare(parsed.Dataset, changed);
        Assert.Contains(diffs, d => d.StartsWith("(0010,0010)"));
        Assert.Contains(diffs, d => d.StartsWith("(0009,1004)"));
        Assert.Contains(diffs, d => d.StartsWith("(0009,1008)"));
        Assert.Contains(diffs, d => d.StartsWith("(0008,1032)[1].(0008,0100)"));
        Assert.Contains(diffs, d => d.StartsWith("(0008,0060)"));
        Assert.Contains(diffs, d => d.StartsWith("(0010,0040)"));
        Assert.Equal(6, diffs.Count);
        Assert.Equal(2, parsed.Dataset.Single(e => e.Tag == DicomTag.ProcedureCodeSequence).Items.Count);
    }
}
