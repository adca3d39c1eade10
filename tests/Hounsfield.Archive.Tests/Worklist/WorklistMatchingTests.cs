using Hounsfield.Archive.Workflow;
using Hounsfield.Archive.Worklist;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Worklist;

/// <summary>PS3.4 K.2.2 matching through the store: top-level and Scheduled Procedure Step Sequence keys.</summary>
public sealed class WorklistMatchingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-worklist-").FullName;
    private readonly WorklistOptions _options = new() { ExpireAfter = TimeSpan.Zero };
    private readonly WorklistStore _store;

    public WorklistMatchingTests()
    {
        _store = new WorklistStore(new WorkflowDatabase(Path.Combine(_dir, "workflow.sqlite")), _options);
        _store.AddOrReplace(WorklistItems.Item("A1", "P1", "Doe^John", "CT", "CT1", "20240115", "0900"));
        _store.AddOrReplace(WorklistItems.Item("A2", "P2", "Doe^Jane", "MR", "MR1", "20240115", "1400", performing: "Smith^Sue"));
        _store.AddOrReplace(WorklistItems.Item("A3", "P3", "Smith^Anna", "CT", "CT2", "20240116", "080000"));
        _store.AddOrReplace(WorklistItems.Item("A4", "P4", "Müller^Jörg", "US", "US1", "20240117", "103000.5", charset: "ISO_IR 192"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<List<DicomDataset>> FindAsync(DicomDataset keys)
    {
        var list = new List<DicomDataset>();
        await foreach (var m in _store.FindAsync(keys)) list.Add(m);
        return list;
    }

    private async Task<string[]> AccessionsAsync(DicomDataset keys) =>
        [.. (await FindAsync(keys)).Select(m => m.GetString(DicomTag.AccessionNumber)!).Order()];

    [Theory]
    [InlineData("Modality", "CT", "A1,A3")]
    [InlineData("ScheduledStationAETitle", "MR1", "A2")]
    [InlineData("ScheduledStationAETitle", "CT*", "A1,A3")]
    [InlineData("ScheduledProcedureStepStartDate", "20240115", "A1,A2")]
    [InlineData("ScheduledProcedureStepStartDate", "20240115-20240116", "A1,A2,A3")]
    [InlineData("ScheduledProcedureStepStartDate", "20240116-", "A3,A4")]
    [InlineData("ScheduledProcedureStepStartDate", "-20240115", "A1,A2")]
    [InlineData("ScheduledProcedureStepStartTime", "1000-1500", "A2,A4")]
    [InlineData("ScheduledPerformingPhysicianName", "Smith*", "A2")]
    [InlineData("ScheduledProcedureStepID", "SPSA3", "A3")]
    [InlineData("Modality", "", "A1,A2,A3,A4")]
    public async Task Scheduled_procedure_step_sequence_keys(string keyword, string value, string expected)
    {
        DicomTag.TryParse(keyword, out var tag);
        var keys = WorklistItems.Query(step: s => s.Set(tag, s.GetDictionaryEntry(tag)!.VR, value));
        Assert.Equal(expected.Split(','), await AccessionsAsync(keys));
    }

    [Fact]
    public async Task Start_date_and_time_ranges_match_as_one_datetime_range()
    {
        // 15 Jan 12:00 to 16 Jan 09:00: the 14:00 step of the 15th and the 08:00 step of the 16th, not the 09:00 one of the 15th.
        var keys = WorklistItems.Query(step: s => s.Set(DicomTag.ScheduledProcedureStepStartDate, "20240115-20240116").Set(DicomTag.ScheduledProcedureStepStartTime, "1200-0900"));
        Assert.Equal(["A2", "A3"], await AccessionsAsync(keys));
        var open = WorklistItems.Query(step: s => s.Set(DicomTag.ScheduledProcedureStepStartDate, "20240116-").Set(DicomTag.ScheduledProcedureStepStartTime, "1000-"));
        Assert.Equal(["A4"], await AccessionsAsync(open));
    }

    [Theory]
    [InlineData("PatientName", "Doe*", "A1,A2")]
    [InlineData("PatientName", "*Anna", "A3")]
    [InlineData("PatientName", "doe*", "")]
    [InlineData("PatientID", "P3", "A3")]
    [InlineData("PatientID", "P?", "A1,A2,A3,A4")]
    [InlineData("AccessionNumber", "A4", "A4")]
    [InlineData("RequestedProcedureID", "RPA2", "A2")]
    public async Task Top_level_keys(string keyword, string value, string expected)
    {
        DicomTag.TryParse(keyword, out var tag);
        var keys = WorklistItems.Query(top: k => k.Set(tag, k.GetDictionaryEntry(tag)!.VR, value));
        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), await AccessionsAsync(keys));
    }

    [Fact]
    public async Task A_sequence_key_of_empty_return_keys_matches_items_without_the_sequence()
    {
        var keys = WorklistItems.Query(top: k =>
        {
            var reference = new DicomDataset();
            k.SetSequence(DicomTag.ReferencedStudySequence, reference);
            reference.SetEmpty(DicomTag.ReferencedSOPClassUID).SetEmpty(DicomTag.ReferencedSOPInstanceUID);
        });
        var matches = await FindAsync(keys);
        Assert.Equal(4, matches.Count);
        Assert.All(matches, m => Assert.True(m.Contains(DicomTag.ReferencedStudySequence)));
    }

    [Fact]
    public async Task List_of_study_instance_uids()
    {
        var uids = _store.List().Where(e => e.Key.StartsWith("A1") || e.Key.StartsWith("A3")).Select(e => e.Item.GetString(DicomTag.StudyInstanceUID)!).ToArray();
        var keys = WorklistItems.Query(top: k => k.Set(DicomTag.StudyInstanceUID, uids));
        Assert.Equal(["A1", "A3"], await AccessionsAsync(keys));
    }

    [Fact]
    public async Task Return_keys_are_filled_or_empty_including_nested_ones()
    {
        var keys = WorklistItems.Query(top: k => k.Set(DicomTag.AccessionNumber, "A1").SetEmpty(DicomTag.PatientBirthDate).SetEmpty(DicomTag.MedicalAlerts)
            .SetEmpty(DicomTag.ReferencedStudySequence, DicomVR.SQ),
            step: s =>
            {
                s.SetEmpty(DicomTag.ScheduledStationName).SetEmpty(DicomTag.ScheduledProcedureStepDescription);
                var code = new DicomDataset();
                s.SetSequence(DicomTag.ScheduledProtocolCodeSequence, code);
                code.SetEmpty(DicomTag.CodeValue).SetEmpty(DicomTag.CodeMeaning);
            });
        var match = Assert.Single(await FindAsync(keys));
        Assert.Equal("19700101", match.GetString(DicomTag.PatientBirthDate));
        Assert.True(match.Contains(DicomTag.MedicalAlerts));
        Assert.Equal("", match.GetString(DicomTag.MedicalAlerts));
        Assert.True(match.Contains(DicomTag.ReferencedStudySequence));
        Assert.False(match.Contains(DicomTag.PatientSex));
        var step = Assert.Single(match.GetSequence(DicomTag.ScheduledProcedureStepSequence)!);
        Assert.Equal("CT", step.GetString(DicomTag.Modality));
        Assert.Equal("0900", step.GetString(DicomTag.ScheduledProcedureStepStartTime));
        Assert.True(step.Contains(DicomTag.ScheduledStationName));
        Assert.Equal("Step of A1", step.GetString(DicomTag.ScheduledProcedureStepDescription));
        Assert.False(step.Contains(DicomTag.ScheduledPerformingPhysicianName));
        var code = Assert.Single(step.GetSequence(DicomTag.ScheduledProtocolCodeSequence)!);
        Assert.Equal("P-CT", code.GetString(DicomTag.CodeValue));
        Assert.False(code.Contains(DicomTag.CodingSchemeDesignator));
    }

    [Fact]
    public async Task Query_and_item_character_sets_are_each_honoured()
    {
        var keys = WorklistItems.Query(top: k => k.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100").Set(DicomTag.PatientName, "Müller*"));
        var match = Assert.Single(await FindAsync(keys));
        Assert.Equal("ISO_IR 100", match.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Müller^Jörg", match.GetString(DicomTag.PatientName));
        Assert.Equal(System.Text.Encoding.Latin1.GetBytes("Müller^Jörg "), match.GetBytes(DicomTag.PatientName).ToArray());
    }

    [Fact]
    public async Task A_step_the_requested_set_cannot_hold_is_answered_in_UTF8()
    {
        _store.AddOrReplace(WorklistItems.Item("A7", "P7", "山田^太郎", "CT", "CT1", "20240118", "0900", charset: "ISO_IR 192"));
        var keys = WorklistItems.Query(top: k => k.Set(DicomTag.SpecificCharacterSet, "ISO_IR 100").Set(DicomTag.PatientID, "P7"));
        var match = Assert.Single(await FindAsync(keys));
        Assert.Equal("ISO_IR 192", match.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("山田^太郎", match.GetString(DicomTag.PatientName));
    }

    [Fact]
    public async Task Fallback_character_set_applies_to_items_without_one()
    {
        var item = WorklistItems.Item("A5", "P5", "Doe^Jo", "CT", "CT1", "20240118", "0900");
        item.SetBytes(DicomTag.PatientName, DicomVR.PN, System.Text.Encoding.Latin1.GetBytes("Dür^Jo"));
        _options.FallbackCharacterSet = "ISO_IR 100";
        _store.AddOrReplace(item);
        var match = Assert.Single(await FindAsync(WorklistItems.Query(top: k => k.Set(DicomTag.SpecificCharacterSet, "ISO_IR 192").Set(DicomTag.PatientName, "Dür*"))));
        Assert.Equal("Dür^Jo", match.GetString(DicomTag.PatientName));
    }

    [Fact]
    public async Task A_step_scheduled_on_several_stations_matches_each()
    {
        var item = WorklistItems.Item("A6", "P6", "Multi^Station", "CT", "CT1", "20240118", "0900");
        WorklistItemKey.FirstStep(item)!.Set(DicomTag.ScheduledStationAETitle, "CT_X", "CT_Y");
        _store.AddOrReplace(item);
        var keys = WorklistItems.Query(step: s => s.Set(DicomTag.ScheduledStationAETitle, "CT_Y"));
        Assert.Equal(["A6"], await AccessionsAsync(keys));
    }

    [Fact]
    public async Task Person_names_ignore_case_when_configured()
    {
        var keys = WorklistItems.Query(top: k => k.Set(DicomTag.PatientName, "doe*"));
        Assert.Empty(await FindAsync(keys));
        _options.CaseInsensitivePersonNames = true;
        Assert.Equal(2, (await FindAsync(keys)).Count);
    }

    [Fact]
    public async Task Person_names_ignore_diacritics_when_configured()
    {
        var keys = WorklistItems.Query(top: k => k.Set(DicomTag.PatientName, "MULLER^J?RG"));
        Assert.Empty(await FindAsync(keys));
        _options.CaseInsensitivePersonNames = true;
        Assert.Equal("A4", Assert.Single(await FindAsync(keys)).GetString(DicomTag.AccessionNumber));
    }

    [Fact]
    public async Task Max_responses_limits_the_matches()
    {
        _options.MaxResponses = 2;
        Assert.Equal(2, (await FindAsync(WorklistItems.Query())).Count);
    }
}
