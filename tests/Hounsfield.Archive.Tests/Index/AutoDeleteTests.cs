using Hounsfield.Archive.Query;
using Hounsfield.Archive.Storage;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Index;

public sealed class AutoDeleteTests
{
    // A fake volume of 100 bytes where each stored file takes 10.
    private static (long Free, long Total) FreeSpace(ArchiveTestServer archive) =>
        (100 - 10 * Directory.EnumerateFiles(archive.Server.Storage.Root, "*.dcm", SearchOption.AllDirectories).Count(), 100);

    private static async Task<ArchiveTestServer> ThreeStudiesAsync(string database)
    {
        var archive = await ArchiveTestServer.StartAsync(database);
        foreach (var study in new[] { "1.2.5.1", "1.2.5.2", "1.2.5.3" })
        {
            for (var i = 0; i < 2; i++)
                Assert.Equal(DimseStatus.Success, (await archive.StoreAsync(ArchiveTestServer.Instance(study: study, patientId: "P" + study))).Status);
            await Task.Delay(5); // distinct access times (milliseconds)
        }
        await PastTouchIntervalAsync();
        return archive;
    }

    // A study stored into less than a second ago is never deleted (its store time moves on at most
    // once a second): what a test deletes must be older.
    private static Task PastTouchIntervalAsync() => Task.Delay(TimeSpan.FromMilliseconds(Hounsfield.Archive.Index.SqlInstanceWriter.TouchInterval + 100));

    private static async Task RetrieveAsync(ArchiveTestServer archive, string study)
    {
        var query = DicomQuery.Parse(QueryModel.StudyRoot, new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, study));
        await foreach (var _ in archive.Server.Index.FindInstancesAsync(query)) { }
    }

    [Theory, Databases]
    public async Task In_the_red_zone_least_recently_used_studies_go_until_the_green_zone(string database)
    {
        await using var archive = await ThreeStudiesAsync(database);
        await RetrieveAsync(archive, "1.2.5.1");
        var log = new List<string>();
        var options = new AutoDeleteOptions { Enabled = true, RedZone = "50%", GreenZone = "65", StoringGrace = TimeSpan.Zero };
        await using var autoDelete = new AutoDelete(archive.Server.Storage, archive.Server.Index, options, () => FreeSpace(archive), log.Add);

        Assert.Equal(2, await autoDelete.RunOnceAsync());

        Assert.Equal((1L, 1L, 1L, 2L), await archive.Server.Index.CountAsync());
        Assert.Equal(80, FreeSpace(archive).Free);
        var kept = await archive.Server.Index.LeastRecentlyUsedStudiesAsync(10, DateTimeOffset.MaxValue);
        Assert.Equal("1.2.5.1", Assert.Single(kept).StudyInstanceUid);
        Assert.Contains(log, line => line.Contains("study 1.2.5.2", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("study 1.2.5.3", StringComparison.Ordinal));
    }

    [Theory, Databases]
    public async Task Above_the_red_zone_nothing_is_deleted(string database)
    {
        await using var archive = await ThreeStudiesAsync(database);
        var options = new AutoDeleteOptions { Enabled = true, RedZone = "30%", GreenZone = "90%", StoringGrace = TimeSpan.Zero };
        await using var autoDelete = new AutoDelete(archive.Server.Storage, archive.Server.Index, options, () => FreeSpace(archive));
        Assert.Equal(0, await autoDelete.RunOnceAsync());
        Assert.Equal(6L, (await archive.Server.Index.CountAsync()).Instances);
    }

    [Theory, Databases]
    public async Task Studies_stored_into_recently_are_kept(string database)
    {
        await using var archive = await ThreeStudiesAsync(database);
        var log = new List<string>();
        var options = new AutoDeleteOptions { Enabled = true, RedZone = "50%", GreenZone = "90%", StoringGrace = TimeSpan.FromHours(1) };
        await using var autoDelete = new AutoDelete(archive.Server.Storage, archive.Server.Index, options, () => FreeSpace(archive), log.Add);
        Assert.Equal(0, await autoDelete.RunOnceAsync());
        Assert.Equal(6L, (await archive.Server.Index.CountAsync()).Instances);
        Assert.Contains(log, line => line.Contains("no study may be deleted", StringComparison.Ordinal));
    }

    // However long ago it was last stored into, a study an open association has stored into waits
    // for that association to end: the sender may be slow, not finished.
    [Theory, Databases]
    public async Task A_study_an_open_association_stores_into_is_kept_until_it_closes(string database)
    {
        await using var archive = await ThreeStudiesAsync(database);
        var log = new List<string>();
        var options = new AutoDeleteOptions { Enabled = true, RedZone = "100%", GreenZone = "100%", StoringGrace = TimeSpan.Zero };
        await using var autoDelete = new AutoDelete(archive.Server.Storage, archive.Server.Index, options, () => FreeSpace(archive), log.Add,
            archive.Server.StudiesBeingStored);
        var file = Path.Combine(Path.GetTempPath(), $"hf-open-{Guid.NewGuid():N}.dcm");
        ArchiveTestServer.Instance(study: "1.2.5.1", patientId: "P1.2.5.1").Save(file);
        try
        {
            var sent = DicomFile.Open(file);
            await using (var client = await DicomClient.ConnectAsync(archive.Peer, new DicomClientOptions().ProposeFor([sent])))
            {
                Assert.Equal(DimseStatus.Success, (await client.StoreAsync(sent)).Status);
                Assert.Equal(2, await autoDelete.RunOnceAsync());
                Assert.Equal((1L, 1L, 1L, 3L), await archive.Server.Index.CountAsync());
                Assert.Contains(log, line => line.Contains("open association", StringComparison.Ordinal));
            }
            for (var wait = 0; wait < 100 && archive.Server.StudiesBeingStored.Count > 0; wait++) await Task.Delay(50);
            await PastTouchIntervalAsync();
            Assert.Equal(1, await autoDelete.RunOnceAsync());
            Assert.Equal((0L, 0L, 0L, 0L), await archive.Server.Index.CountAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Thresholds at 100 % put any real volume in the red zone: the server's own periodic check
    // must then remove what is stored.
    [Theory, Databases]
    public async Task The_server_runs_auto_delete_periodically_when_enabled(string database)
    {
        await using var archive = new ArchiveTestServer(database);
        archive.Options.AutoDelete = new AutoDeleteOptions
        {
            Enabled = true, RedZone = "100%", GreenZone = "100%", Interval = TimeSpan.FromMilliseconds(100), StoringGrace = TimeSpan.Zero,
        };
        await archive.StartAsync();
        Assert.NotNull(archive.Server.AutoDelete);
        Assert.Equal(DimseStatus.Success, (await archive.StoreAsync(ArchiveTestServer.Instance())).Status);
        for (var wait = 0; wait < 600 && (await archive.Server.Index.CountAsync()).Studies > 0; wait++) await Task.Delay(100);
        Assert.Equal((0L, 0L, 0L, 0L), await archive.Server.Index.CountAsync());
        Assert.Empty(Directory.EnumerateFiles(archive.Server.Storage.Root, "*.dcm", SearchOption.AllDirectories));
    }

    // The study chosen may receive an instance (through any server) before its delete runs.
    [Theory, Databases]
    public async Task A_study_stored_into_after_it_was_chosen_is_not_deleted(string database)
    {
        await using var archive = await ThreeStudiesAsync(database);
        var chosenAt = DateTimeOffset.UtcNow;
        await Task.Delay(5);
        await archive.StoreAsync(ArchiveTestServer.Instance(study: "1.2.5.1", patientId: "P1.2.5.1"));
        Assert.Empty(await archive.Server.Index.DeleteStudyAsync("1.2.5.1", chosenAt));
        // Nor when the store came within the second before the choice (its time was not moved on).
        Assert.Empty(await archive.Server.Index.DeleteStudyAsync("1.2.5.1", DateTimeOffset.UtcNow.AddMilliseconds(500)));
        Assert.Equal(2, (await archive.Server.Index.DeleteStudyAsync("1.2.5.2", chosenAt)).Count);
        Assert.Equal((2L, 2L, 2L, 5L), await archive.Server.Index.CountAsync());
    }

    [Theory]
    [InlineData("5%", 1000, 50)]
    [InlineData("2G", 0, 2L << 30)]
    [InlineData("512M", 0, 512L << 20)]
    [InlineData("1048576", 0, 1048576)]
    public void Thresholds_are_bytes_or_percentages(string threshold, long total, long expected) =>
        Assert.Equal(expected, AutoDeleteOptions.Bytes(threshold, total));
}
