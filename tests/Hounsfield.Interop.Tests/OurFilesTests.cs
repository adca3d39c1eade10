using Hounsfield.Dicom;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests;

/// <summary>Files written by Hounsfield pass dcmftest, show our values in dcmdump, and a CT image passes dciodvfy.</summary>
public sealed class OurFilesTests : IDisposable
{
    private readonly TempDirectory _tmp = new();

    public void Dispose() => _tmp.Dispose();

    public static TheoryData<string, bool, bool> Variants()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var ts in DicomTransferSyntax.Uncompressed)
            foreach (var groupLengths in new[] { false, true })
                foreach (var explicitLengths in new[] { false, true })
                    data.Add(ts.Uid.Value, groupLengths, explicitLengths);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Our_files_pass_dcmftest_and_dcmdump_shows_our_values(string uid, bool groupLengths, bool explicitLengths)
    {
        var ts = DicomTransferSyntax.Get(uid);
        var ds = Samples.Rich();
        var path = _tmp.File("ours.dcm");
        new DicomFile(ds, ts).Save(path, ts, new DicomWriteOptions { IncludeGroupLengths = groupLengths, ExplicitLengthSequences = explicitLengths });

        var test = PeerTool.Run("dcmftest", path);
        Assert.True(test.ExitCode == 0 && test.Output.StartsWith("yes:", StringComparison.Ordinal), test.Output + test.Error);

        var dump = DcmDump.Run(path);
        Assert.Contains(ts.Uid.Value, dump.Meta.Single(e => e.Tag == DicomTag.TransferSyntaxUID).Value);
        var dataset = dump.Dataset;
        if (groupLengths)
        {
            AssertGroupLengthsAgreeWithDcmtk(path, dump, explicitLengths);
            dataset = WithoutGroupLengths(dataset);
        }
        DcmDump.AssertSame(dataset, ds, $"{ts.Name}, group lengths {groupLengths}, explicit lengths {explicitLengths}");
        var meta = new DicomFile(ds, ts).BuildMeta(ts);
        DcmDump.AssertSame(WithoutGroupLengths(dump.Meta), meta, "meta");
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.1")]
    [InlineData("1.2.840.10008.1.2")]
    [InlineData("1.2.840.10008.1.2.2")]
    public void A_complete_CT_image_passes_dciodvfy(string uid)
    {
        var ts = DicomTransferSyntax.Get(uid);
        var path = _tmp.File("ct.dcm");
        new DicomFile(Samples.CTImage(), ts).Save(path);

        var result = PeerTool.Run("dciodvfy", path);
        var lines = (result.Output + "\n" + result.Error).Split('\n');
        var errors = lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"dciodvfy found errors in our {ts.Name} CT image:\n{string.Join('\n', errors)}\n\nfull output:\n{result.Output}{result.Error}");
        Assert.Contains(lines, l => l.Contains("CTImage", StringComparison.Ordinal));
        DcmDump.AssertSame(DcmDump.Run(path).Dataset, Samples.CTImage(), "CT image");
    }

    // dcmconv recomputes every group length itself (+g), for sequences written the same way (+e/-e); its numbers must equal ours.
    private void AssertGroupLengthsAgreeWithDcmtk(string path, Dump ours, bool explicitLengths)
    {
        var recalculated = _tmp.File("recalculated.dcm");
        PeerTool.Run("dcmconv", "+g", explicitLengths ? "+e" : "-e", path, recalculated).EnsureSuccess();
        var theirs = DcmDump.Run(recalculated);
        var mine = GroupLengths(ours.Dataset, "");
        var expected = GroupLengths(theirs.Dataset, "");
        Assert.NotEmpty(mine);
        Assert.Equal(expected, mine);
    }

    private static List<string> GroupLengths(List<DumpElement> elements, string path)
    {
        var result = new List<string>();
        foreach (var e in elements)
        {
            if (e.Tag.IsGroupLength) result.Add($"{path}{e.Tag}={e.Value}");
            for (var i = 0; i < e.Items.Count; i++) result.AddRange(GroupLengths(e.Items[i], $"{path}{e.Tag}[{i}]."));
        }
        return result;
    }

    private static List<DumpElement> WithoutGroupLengths(List<DumpElement> elements)
    {
        var result = elements.Where(e => !e.Tag.IsGroupLength).ToList();
        foreach (var e in result)
            for (var i = 0; i < e.Items.Count; i++) e.Items[i] = WithoutGroupLengths(e.Items[i]);
        return result;
    }
}
