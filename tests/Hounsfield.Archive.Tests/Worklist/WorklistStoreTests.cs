using Hounsfield.Archive.Workflow;
using Hounsfield.Archive.Worklist;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Worklist;

public sealed class WorklistStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-worklist-").FullName;
    private readonly WorklistOptions _options = new() { ExpireAfter = TimeSpan.FromDays(3650) };
    private readonly WorklistStore _store;

    public WorklistStoreTests() => _store = new WorklistStore(new WorkflowDatabase(Path.Combine(_dir, "workflow.sqlite")), _options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static string Today => DateTime.Now.ToString("yyyyMMdd");

    private async Task<List<DicomDataset>> FindAsync(DicomDataset keys)
    {
        var list = new List<DicomDataset>();
        await foreach (var m in _store.FindAsync(keys)) list.Add(m);
        return list;
    }

    [Fact]
    public void Add_replace_and_remove_by_key()
    {
        var key = _store.AddOrReplace(WorklistItems.Item("A1", "P1", "Doe^Jane", "CT", "CT1", Today, "0900"));
        Assert.Equal("A1/RPA1/SPSA1", key);
        var changed = WorklistItems.Item("A1", "P1", "Doe^Janet", "CT", "CT1", Today, "1000");
        Assert.Equal(key, _store.AddOrReplace(changed));
        var entry = Assert.Single(_store.List());
        Assert.Equal("Doe^Janet", entry.Item.GetString(DicomTag.PatientName));
        Assert.Equal("SCHEDULED", WorklistItemKey.FirstStep(entry.Item)!.GetString(DicomTag.ScheduledProcedureStepStatus));
        Assert.True(_store.Remove(key));
        Assert.False(_store.Remove(key));
        Assert.Empty(_store.List());
    }

    [Fact]
    public void Item_without_accession_number_is_keyed_by_a_generated_study_instance_uid()
    {
        var item = WorklistItems.Item("", "P9", "Doe^Jane", "MR", "MR1", Today, "0900");
        item.Remove(DicomTag.AccessionNumber);
        item.Remove(DicomTag.StudyInstanceUID);
        var key = _store.AddOrReplace(item);
        Assert.StartsWith("2.25.", key);
        Assert.Equal(key, _store.Get(key)!.GetString(DicomTag.StudyInstanceUID));
    }

    [Fact]
    public void Items_expire_after_their_scheduled_start()
    {
        _options.ExpireAfter = TimeSpan.FromDays(1);
        _store.AddOrReplace(WorklistItems.Item("OLD", "P1", "Doe^Jane", "CT", "CT1", DateTime.Now.AddDays(-3).ToString("yyyyMMdd"), "0900"));
        _store.AddOrReplace(WorklistItems.Item("NEW", "P1", "Doe^Jane", "CT", "CT1", Today, "2359"));
        Assert.Equal(["NEW/RPNEW/SPSNEW"], _store.List().Select(e => e.Key));
        Assert.Equal(0, _store.RemoveExpired());
    }

    [Fact]
    public async Task Complete_removes_the_step_and_the_item_with_its_last_step()
    {
        var item = WorklistItems.Item("A2", "P1", "Doe^Jane", "CT", "CT1", Today, "0900", stepId: "S1");
        var second = WorklistItemKey.FirstStep(item)!.Clone();
        second.Set(DicomTag.ScheduledProcedureStepID, "S2");
        item.GetSequence(DicomTag.ScheduledProcedureStepSequence)!.Add(second);
        _store.AddOrReplace(item);
        Assert.Equal(2, (await FindAsync(WorklistItems.Query())).Count);
        Assert.Equal(1, await _store.CompleteAsync("A2", "S1"));
        var left = Assert.Single(await FindAsync(WorklistItems.Query()));
        Assert.Equal("S2", WorklistItemKey.FirstStep(left)!.GetString(DicomTag.ScheduledProcedureStepID));
        Assert.Equal(0, await _store.CompleteAsync("A2", "S9"));
        Assert.Equal(1, await _store.CompleteAsync("A2", "S2"));
        Assert.Empty(_store.List());
    }

    [Fact]
    public void Survives_reopening_the_database()
    {
        _store.AddOrReplace(WorklistItems.Item("A3", "P1", "Müller^Jörg", "CT", "CT1", Today, "0900", charset: "ISO_IR 192"));
        var reopened = new WorklistStore(new WorkflowDatabase(Path.Combine(_dir, "workflow.sqlite")), _options);
        Assert.Equal("Müller^Jörg", Assert.Single(reopened.List()).Item.GetString(DicomTag.PatientName));
    }
}
