using Hounsfield.Archive.Mpps;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Mpps;

/// <summary>The SCU's attribute lists (Reviewer statement tables, PS3.4 Table F.7.2-1) and the store's N-SET atomicity.</summary>
public sealed class PerformedProcedureStepBuilderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-mpps-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DicomDataset WorklistItem()
    {
        var item = new DicomDataset()
            .Set(DicomTag.PatientName, "Doe^Jane").Set(DicomTag.PatientID, "P-1").Set(DicomTag.PatientBirthDate, "19800101").Set(DicomTag.PatientSex, "F")
            .Set(DicomTag.StudyInstanceUID, "1.2.3.4").Set(DicomTag.AccessionNumber, "ACC").Set(DicomTag.RequestedProcedureID, "RP")
            .Set(DicomTag.RequestedProcedureDescription, "CT head");
        item.SetSequence(DicomTag.ScheduledProcedureStepSequence, new DicomDataset()
            .Set(DicomTag.Modality, "CT").Set(DicomTag.ScheduledProcedureStepID, "SPS").Set(DicomTag.ScheduledProcedureStepDescription, "Head")
            .Apply(s => s.SetSequence(DicomTag.ScheduledProtocolCodeSequence, new DicomDataset()
                .Set(DicomTag.CodeValue, "P1").Set(DicomTag.CodingSchemeDesignator, "99X").Set(DicomTag.CodeMeaning, "Head routine"))));
        return item;
    }

    [Fact]
    public void Create_fills_every_row_of_the_reviewer_n_create_table_and_passes_the_scp_checks()
    {
        var image = ArchiveTestServer.Instance().Dataset;
        var sr = new DicomDataset().Set(DicomTag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.88.11").Set(DicomTag.SOPInstanceUID, "1.2.3.4.9")
            .Set(DicomTag.SeriesInstanceUID, "1.2.3.4.8").Set(DicomTag.Modality, "SR");
        var ds = PerformedProcedureStepBuilder.Create(WorklistItem(), [image, sr], "CT01", new DateTime(2024, 5, 6, 7, 8, 9));
        DicomTag[] reviewer =
        [
            DicomTag.PatientID, DicomTag.PatientBirthDate, DicomTag.PatientSex, DicomTag.StudyID, DicomTag.PerformedStationAETitle,
            DicomTag.PerformedStationName, DicomTag.PerformedLocation, DicomTag.PerformedProcedureStepStartDate, DicomTag.PerformedProcedureStepStartTime,
            DicomTag.PerformedProcedureStepEndDate, DicomTag.PerformedProcedureStepEndTime, DicomTag.PerformedProcedureStepStatus,
            DicomTag.PerformedProcedureStepID, DicomTag.PerformedProcedureStepDescription, DicomTag.PerformedProtocolCodeSequence,
        ];
        Assert.All(reviewer, tag => Assert.True(ds.Contains(tag), $"{tag.Keyword} is missing"));
        Assert.Equal("RP", ds.GetString(DicomTag.StudyID));
        Assert.Equal("20240506", ds.GetString(DicomTag.PerformedProcedureStepStartDate));
        Assert.Equal("CT", ds.GetString(DicomTag.Modality));
        Assert.Equal("P1", ds.GetSequence(DicomTag.PerformedProtocolCodeSequence)![0].GetString(DicomTag.CodeValue));
        var scheduled = Assert.Single(ds.GetSequence(DicomTag.ScheduledStepAttributesSequence)!);
        Assert.Equal("1.2.3.4", scheduled.GetString(DicomTag.StudyInstanceUID));
        Assert.Equal("SPS", scheduled.GetString(DicomTag.ScheduledProcedureStepID));
        var series = ds.GetSequence(DicomTag.PerformedSeriesSequence)!;
        Assert.Equal(2, series.Count);
        Assert.Single(series[0].GetSequence(DicomTag.ReferencedImageSequence)!);
        Assert.Equal("1.2.3.4.9", Assert.Single(series[1].GetSequence(DicomTag.ReferencedNonImageCompositeSOPInstanceSequence)!).GetString(DicomTag.ReferencedSOPInstanceUID));
        var (missing, empty) = ModalityPerformedProcedureStepAttributes.CheckType1(ds, create: true);
        Assert.Empty(missing);
        Assert.Empty(empty);
    }

    [Fact]
    public void Unscheduled_create_takes_patient_and_study_from_the_instances()
    {
        var image = ArchiveTestServer.Instance(patientId: "FROM-FILE").Dataset;
        var ds = PerformedProcedureStepBuilder.Create(null, [image], "CT01", DateTime.Now);
        Assert.Equal("FROM-FILE", ds.GetString(DicomTag.PatientID));
        Assert.Equal(image.GetString(DicomTag.StudyInstanceUID), ds.GetSequence(DicomTag.ScheduledStepAttributesSequence)![0].GetString(DicomTag.StudyInstanceUID));
    }

    [Fact]
    public void End_carries_the_reviewer_n_set_rows_and_only_attributes_n_set_allows()
    {
        var ds = PerformedProcedureStepBuilder.End("COMPLETED", new DateTime(2024, 5, 6, 8, 0, 0), [ArchiveTestServer.Instance().Dataset]);
        Assert.Equal("COMPLETED", ds.GetString(DicomTag.PerformedProcedureStepStatus));
        Assert.Equal("20240506", ds.GetString(DicomTag.PerformedProcedureStepEndDate));
        Assert.All(ds, e => Assert.Contains(e.Tag, ModalityPerformedProcedureStepAttributes.AllowedInSet));
        Assert.Throws<ArgumentException>(() => PerformedProcedureStepBuilder.End("IN PROGRESS", DateTime.Now, []));
    }

    [Fact]
    public async Task Concurrent_final_n_sets_let_exactly_one_through()
    {
        var store = new PerformedProcedureStepStore(new WorkflowDatabase(Path.Combine(_dir, "workflow.sqlite")));
        var attributes = PerformedProcedureStepBuilder.Create(WorklistItem(), [], "CT01", DateTime.Now);
        Assert.True(store.TryCreate("1.2.3.99", "CT01", attributes));
        Assert.False(store.TryCreate("1.2.3.99", "CT01", attributes));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            store.TrySet("1.2.3.99", PerformedProcedureStepBuilder.End(i % 2 == 0 ? "COMPLETED" : "DISCONTINUED", DateTime.Now, [])).Outcome)));
        Assert.Equal(1, outcomes.Count(o => o == PerformedProcedureStepSetOutcome.Updated));
        Assert.Equal(7, outcomes.Count(o => o == PerformedProcedureStepSetOutcome.NoLongerUpdatable));
    }
}
