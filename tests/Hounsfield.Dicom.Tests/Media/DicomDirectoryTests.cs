using Hounsfield.Dicom.Media;

namespace Hounsfield.Dicom.Tests.Media;

public sealed class DicomDirectoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hf-dicomdir-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Writes an instance at a File ID below the folder; returns its path.</summary>
    internal static string WriteInstance(string folder, string fileId, string patientId, string study, string series, int number,
        string sopClass = "1.2.840.10008.5.1.4.1.1.2")
    {
        var ds = new DicomDataset()
            .Set(DicomTag.SpecificCharacterSet, "ISO_IR 100")
            .Set(DicomTag.SOPClassUID, sopClass).Set(DicomTag.SOPInstanceUID, $"{series}.{number}")
            .Set(DicomTag.PatientID, patientId).Set(DicomTag.PatientName, $"Müller^{patientId}")
            .Set(DicomTag.StudyInstanceUID, study).Set(DicomTag.StudyDate, "20240115").Set(DicomTag.StudyTime, "101500")
            .Set(DicomTag.StudyID, "S1").Set(DicomTag.AccessionNumber, "A" + patientId).Set(DicomTag.StudyDescription, "Chest")
            .Set(DicomTag.SeriesInstanceUID, series).Set(DicomTag.Modality, "CT").Set(DicomTag.SeriesNumber, 1)
            .Set(DicomTag.InstanceNumber, number)
            .Set(DicomTag.ContentDate, "20240115").Set(DicomTag.ContentTime, "101500")
            .Set(DicomTag.CompletionFlag, "COMPLETE").Set(DicomTag.VerificationFlag, "UNVERIFIED");
        var path = Path.Combine([folder, .. fileId.Split('/')]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        new DicomFile(ds).Save(path);
        return path;
    }

    private List<string> SampleFileSet()
    {
        return
        [
            WriteInstance(_folder, "DICOM/P1/ST1/SE1/IM1", "P1", "1.2.3.1", "1.2.3.1.1", 1),
            WriteInstance(_folder, "DICOM/P1/ST1/SE1/IM2", "P1", "1.2.3.1", "1.2.3.1.1", 2),
            WriteInstance(_folder, "DICOM/P1/ST1/SE2/IM1", "P1", "1.2.3.1", "1.2.3.1.2", 1),
            WriteInstance(_folder, "DICOM/P1/ST2/SE1/SR1", "P1", "1.2.3.2", "1.2.3.2.1", 1, "1.2.840.10008.5.1.4.1.1.88.33"),
            WriteInstance(_folder, "DICOM/P2/ST1/SE1/IM1", "P2", "1.2.3.3", "1.2.3.3.1", 1),
        ];
    }

    [Fact]
    public void A_written_directory_reads_back_as_the_patient_study_series_tree_with_every_file()
    {
        var files = SampleFileSet();
        var builder = new DicomDirectoryBuilder(_folder, "TESTSET").AddFolder();
        Assert.Empty(builder.Skipped);
        var directory = DicomDirectory.Open(builder.Save());

        Assert.Empty(directory.Warnings);
        Assert.Equal("TESTSET", directory.FileSetId);
        Assert.Equal(["PATIENT", "PATIENT"], directory.RootRecords.Select(r => r.RecordType));
        var p1 = directory.RootRecords[0];
        Assert.Equal("Müller^P1", p1.Dataset.GetString(DicomTag.PatientName));
        Assert.Equal(["1.2.3.1", "1.2.3.2"], p1.Children.Select(s => s.Dataset.GetString(DicomTag.StudyInstanceUID)));
        Assert.Equal(2, p1.Children[0].Children.Count);
        Assert.Equal(["IMAGE", "IMAGE"], p1.Children[0].Children[0].Children.Select(i => i.RecordType));
        var sr = Assert.Single(p1.Children[1].Children[0].Children);
        Assert.Equal("SR DOCUMENT", sr.RecordType);
        Assert.Equal("COMPLETE", sr.Dataset.GetString(DicomTag.CompletionFlag));
        Assert.Equal(files.Order(), directory.ReferencedFiles().Order());
        Assert.Equal(DicomDirectory.SopClassUid, DicomFile.Open(directory.Path).FileMetaInformation.GetString(DicomTag.MediaStorageSOPClassUID));
    }

    [Fact]
    public void Files_whose_path_is_not_a_file_id_or_that_are_not_dicom_are_skipped_with_a_reason()
    {
        WriteInstance(_folder, "DICOM/IM1", "P1", "1.2.3.1", "1.2.3.1.1", 1);
        WriteInstance(_folder, "lower/IM2", "P1", "1.2.3.1", "1.2.3.1.1", 2);
        WriteInstance(_folder, "DICOM/TOOLONGNAME", "P1", "1.2.3.1", "1.2.3.1.1", 3);
        File.WriteAllText(Path.Combine(_folder, "DICOM", "README"), "not dicom");
        var builder = new DicomDirectoryBuilder(_folder).AddFolder();
        Assert.Equal(1, builder.FileCount);
        Assert.Equal(3, builder.Skipped.Count);
        Assert.Contains(builder.Skipped, s => s.Contains("README") && s.Contains("not a DICOM file"));
        Assert.Contains(builder.Skipped, s => s.Contains("lower") && s.Contains("File ID"));
    }

    [Fact]
    public void File_ids_resolve_ignoring_letter_case_and_missing_files_are_reported()
    {
        SampleFileSet();
        var directory = DicomDirectory.Open(new DicomDirectoryBuilder(_folder).AddFolder().Save());
        Directory.Move(Path.Combine(_folder, "DICOM", "P2"), Path.Combine(_folder, "DICOM", "p2"));
        File.Delete(Path.Combine(_folder, "DICOM", "P1", "ST1", "SE1", "IM2"));
        var missing = new List<string>();
        var files = directory.ReferencedFiles(missing);
        Assert.Equal(4, files.Count);
        Assert.Contains(files, f => f.EndsWith(Path.Combine("p2", "ST1", "SE1", "IM1"), StringComparison.Ordinal));
        Assert.Equal([@"DICOM\P1\ST1\SE1\IM2"], missing);
    }

    [Fact]
    public void Damaged_offsets_still_list_every_record_with_a_warning()
    {
        SampleFileSet();
        var path = new DicomDirectoryBuilder(_folder).AddFolder().Save();
        var file = DicomFile.Open(path);
        file.Dataset.Set(DicomTag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, 12345u);
        var records = file.Dataset.GetSequence(DicomTag.DirectoryRecordSequence)!;
        records[1].Set(DicomTag.OffsetOfTheNextDirectoryRecord, (uint)records[0].SourceOffset!.Value);
        file.Save(path);

        var directory = DicomDirectory.Open(path);
        Assert.NotEmpty(directory.Warnings);
        Assert.Equal(5, directory.ReferencedFiles().Count);
    }

    [Fact]
    public void A_file_without_a_directory_record_sequence_is_not_a_dicomdir()
    {
        var path = WriteInstance(_folder, "IM1", "P1", "1.2.3.1", "1.2.3.1.1", 1);
        Assert.Throws<DicomFormatException>(() => DicomDirectory.Open(path));
    }
}
