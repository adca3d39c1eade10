using Hounsfield.Archive.Storage;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Index;

public sealed class OrphanFilesTests
{
    private static readonly DateTime Cutoff = DateTime.UtcNow.AddMinutes(-10);

    [Theory, Databases]
    public async Task Old_unreadable_orphans_go_to_lost_and_found_indexed_and_young_files_stay(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        await archive.Server.OrphanCheck;
        var stored = ArchiveTestServer.Instance();
        await archive.StoreAsync(stored);
        var indexed = archive.Server.Storage.PathOf((await archive.Server.Index.FindInstanceAsync(stored.Dataset.GetString(DicomTag.SOPInstanceUID)!))!.Path);
        var orphan = Path.Combine(archive.Server.Storage.Root, "ab", "cd", "orphan.dcm");
        var young = Path.Combine(archive.Server.Storage.Root, "ab", "cd", "young.dcm");
        // A generated name in an hour folder, as StorageArea makes them, that no row refers to.
        var generated = Path.Combine("2020", "01", "02", "03", Guid.NewGuid().ToString("N") + ".dcm");
        var generatedOrphan = Path.Combine(archive.Server.Storage.Root, generated);
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        Directory.CreateDirectory(Path.GetDirectoryName(generatedOrphan)!);
        await File.WriteAllTextAsync(orphan, "x");
        await File.WriteAllTextAsync(generatedOrphan, "x");
        File.SetLastWriteTimeUtc(generatedOrphan, DateTime.UtcNow.AddHours(-1));
        await File.WriteAllTextAsync(young, "x");
        var old = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(orphan, old);
        File.SetLastWriteTimeUtc(indexed, old);
        var log = new List<string>();

        var (recovered, moved) = await OrphanFiles.ReconcileAsync(archive.Server.Storage, archive.Server.Index, Cutoff, log.Add);

        Assert.Equal((0, 2), (recovered, moved));
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(Path.Combine(OrphanFiles.LostAndFound(archive.Server.Storage), generated)));
        Assert.True(File.Exists(Path.Combine(OrphanFiles.LostAndFound(archive.Server.Storage), "ab", "cd", "orphan.dcm")));
        Assert.True(File.Exists(indexed));
        Assert.True(File.Exists(young));
        Assert.Equal(2, log.Count);
        Assert.Contains(log, line => line.Contains("orphan.dcm", StringComparison.Ordinal) && line.Contains("not a readable DICOM file", StringComparison.Ordinal));
    }

    [Theory, Databases]
    public async Task A_committed_file_whose_index_row_was_lost_is_indexed_again(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        await archive.Server.OrphanCheck;
        var instance = ArchiveTestServer.Instance(patientName: "Lost^Row");
        var uid = instance.Dataset.GetString(DicomTag.SOPInstanceUID)!;
        var relative = CommitOld(archive, instance);
        var log = new List<string>();

        var (recovered, moved) = await OrphanFiles.ReconcileAsync(archive.Server.Storage, archive.Server.Index, Cutoff, log.Add);

        Assert.Equal((1, 0), (recovered, moved));
        var record = await archive.Server.Index.FindInstanceAsync(uid);
        Assert.NotNull(record);
        Assert.Equal(relative, record.Path);
        Assert.Equal("Lost^Row", record.PatientName);
        Assert.Contains(log, line => line.Contains("indexed again", StringComparison.Ordinal));
        Assert.Equal((0, 0), await OrphanFiles.ReconcileAsync(archive.Server.Storage, archive.Server.Index, Cutoff));
    }

    [Theory, Databases]
    public async Task A_second_copy_of_an_indexed_instance_goes_to_lost_and_found_unless_the_indexed_file_is_gone(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        await archive.Server.OrphanCheck;
        var instance = ArchiveTestServer.Instance();
        var uid = instance.Dataset.GetString(DicomTag.SOPInstanceUID)!;
        await archive.StoreAsync(instance);
        var indexed = (await archive.Server.Index.FindInstanceAsync(uid))!.Path;
        var leftover = CommitOld(archive, instance);

        Assert.Equal((0, 1), await OrphanFiles.ReconcileAsync(archive.Server.Storage, archive.Server.Index, Cutoff));
        Assert.Equal(indexed, (await archive.Server.Index.FindInstanceAsync(uid))!.Path);
        Assert.True(File.Exists(Path.Combine(OrphanFiles.LostAndFound(archive.Server.Storage), leftover)));

        // A replacement whose index commit was lost: the old file is deleted, the new one not indexed.
        var replacement = CommitOld(archive, instance);
        File.Delete(archive.Server.Storage.PathOf(indexed));
        Assert.Equal((1, 0), await OrphanFiles.ReconcileAsync(archive.Server.Storage, archive.Server.Index, Cutoff));
        Assert.Equal(replacement, (await archive.Server.Index.FindInstanceAsync(uid))!.Path);
    }

    [Fact]
    public async Task A_restart_indexes_the_files_whose_rows_the_embedded_index_lost()
    {
        await using var archive = await ArchiveTestServer.StartAsync(TestDatabase.Sqlite);
        var instance = ArchiveTestServer.Instance(patientName: "After^Restart");
        var relative = CommitOld(archive, instance);

        await archive.RestartAsync();
        await archive.Server.OrphanCheck;

        Assert.Equal(relative, (await archive.Server.Index.FindInstanceAsync(instance.Dataset.GetString(DicomTag.SOPInstanceUID)!))?.Path);
    }

    [Fact]
    public async Task Files_this_process_commits_while_tracked_are_not_orphans_whatever_their_time()
    {
        await using var archive = await ArchiveTestServer.StartAsync(TestDatabase.Sqlite);
        await archive.Server.OrphanCheck;
        var earlier = CommitOld(archive, ArchiveTestServer.Instance());
        using (archive.Server.Storage.TrackCommits())
        {
            var own = CommitOld(archive, ArchiveTestServer.Instance());

            Assert.Equal((1, 0), await OrphanFiles.ReconcileAsync(archive.Server.Storage, archive.Server.Index, DateTime.MaxValue));
            Assert.True(archive.Server.Storage.CommittedWhileTracking(own));
            Assert.False(archive.Server.Storage.CommittedWhileTracking(earlier));
        }
        // Once tracking ends (the start-up check is over), the same file would be an orphan.
        Assert.Equal((1, 0), await OrphanFiles.ReconcileAsync(archive.Server.Storage, archive.Server.Index, DateTime.MaxValue));
    }

    // Commits the instance's file into the store as StorageArea does, without indexing it, dated an hour ago.
    private static string CommitOld(ArchiveTestServer archive, DicomFile instance)
    {
        var temporary = Path.Combine(archive.Server.Storage.Incoming, Guid.NewGuid().ToString("N"));
        instance.Save(temporary);
        var relative = archive.Server.Storage.Commit(temporary);
        File.SetLastWriteTimeUtc(archive.Server.Storage.PathOf(relative), DateTime.UtcNow.AddHours(-1));
        return relative;
    }
}
