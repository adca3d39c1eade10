using Hounsfield.Dicom;
using Hounsfield.Dicom.Media;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Media;

/// <summary>DICOMDIRs we write are valid for dicom3tools and DCMTK; DICOMDIRs dcmmkdir writes are read completely by us.</summary>
public sealed class DicomdirInteropTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    // Two patients, three studies, four series, seven instances, at valid File IDs.
    private List<string> WriteFileSet()
    {
        var paths = new List<string>();
        string[][] layout =
        [
            ["P1", "ST1", "SE1", "3"], ["P1", "ST1", "SE2", "1"], ["P1", "ST2", "SE1", "2"], ["P2", "ST1", "SE1", "1"],
        ];
        foreach (var (patient, study, series, count) in layout.Select(l => (l[0], l[1], l[2], int.Parse(l[3]))))
        {
            for (var i = 1; i <= count; i++)
            {
                var ds = Samples.CTImage();
                var studyUid = $"1.2.826.0.1.3680043.2.1125.9.{patient[1]}.{study[2]}";
                ds.Set(DicomTag.PatientID, patient).Set(DicomTag.PatientName, $"Doe^{patient}")
                    .Set(DicomTag.StudyInstanceUID, studyUid).Set(DicomTag.SeriesInstanceUID, $"{studyUid}.{series[2]}")
                    .Set(DicomTag.SOPInstanceUID, $"{studyUid}.{series[2]}.{i}").Set(DicomTag.InstanceNumber, i);
                var path = Path.Combine(_temp.Path, "DICOM", patient, study, series, $"IM{i}");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                new DicomFile(ds).Save(path);
                paths.Add(path);
            }
        }
        return paths;
    }

    [Fact]
    public void Our_dicomdir_is_valid_for_dciodvfy_and_its_tree_is_what_dcdirdmp_shows()
    {
        var files = WriteFileSet();
        HounsfieldCli.Run("dicomdir", _temp.Path, "--fileset-id", "INTEROP").EnsureSuccess();
        var dicomdir = Path.Combine(_temp.Path, "DICOMDIR");

        var verify = PeerTool.Run("dciodvfy", dicomdir);
        Assert.Contains("BasicDirectory", verify.Output + verify.Error);
        Assert.DoesNotContain("Error", verify.Output + verify.Error);

        var dump = PeerTool.Run("dcdirdmp", dicomdir).EnsureSuccess();
        var tree = (dump.Output + dump.Error).Split('\n');
        Assert.Equal(2, tree.Count(l => l.StartsWith("PATIENT", StringComparison.Ordinal)));
        Assert.Equal(3, tree.Count(l => l.StartsWith("\tSTUDY", StringComparison.Ordinal)));
        Assert.Equal(4, tree.Count(l => l.StartsWith("\t\tSERIES", StringComparison.Ordinal)));
        var referenced = tree.Where(l => l.Contains("->")).Select(l => l.Split("->")[1].Trim().Replace('\\', '/')).ToList();
        Assert.Equal(files.Select(f => Path.GetRelativePath(_temp.Path, f)).Order(), referenced.Order());
    }

    [Fact]
    public void A_dcmmkdir_dicomdir_reads_as_the_same_tree_with_every_file()
    {
        var files = WriteFileSet();
        PeerTool.Run("dcmmkdir", "--input-directory", _temp.Path, "--output-file", Path.Combine(_temp.Path, "DICOMDIR"), "+r", "DICOM").EnsureSuccess();

        var directory = DicomDirectory.Open(Path.Combine(_temp.Path, "DICOMDIR"));
        Assert.Empty(directory.Warnings);
        Assert.Equal(["P1", "P2"], directory.RootRecords.Select(p => p.Dataset.GetString(DicomTag.PatientID)).Order());
        Assert.Equal(3, directory.RootRecords.Sum(p => p.Children.Count));
        Assert.Equal(4, directory.RootRecords.SelectMany(p => p.Children).Sum(s => s.Children.Count));
        Assert.Equal(files.Order(), directory.ReferencedFiles().Order());
    }

    [Fact]
    public void Dcmmkdir_appends_to_our_dicomdir()
    {
        var files = WriteFileSet();
        var extra = files[^1];
        var aside = Path.Combine(Path.GetTempPath(), $"hf-aside-{Guid.NewGuid():N}");
        File.Move(extra, aside);
        HounsfieldCli.Run("dicomdir", _temp.Path).EnsureSuccess();
        File.Move(aside, extra);
        var relative = Path.GetRelativePath(_temp.Path, extra);
        PeerTool.Run("dcmmkdir", "--input-directory", _temp.Path, "--output-file", Path.Combine(_temp.Path, "DICOMDIR"), "+A", relative).EnsureSuccess();

        Assert.Equal(files.Order(), DicomDirectory.Open(Path.Combine(_temp.Path, "DICOMDIR")).ReferencedFiles().Order());
    }
}
