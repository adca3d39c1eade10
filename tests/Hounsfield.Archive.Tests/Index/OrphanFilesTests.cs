using Hounsfield.Archive.Storage;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Index;

public sealed class OrphanFilesTests
{
    [Theory, Databases]
    public async Task Old_unindexed_files_go_to_lost_and_found_indexed_and_young_ones_stay(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
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

        var moved = await OrphanFiles.ReconcileAsync(archive.Server.Storage, archive.Server.Index, TimeSpan.FromMinutes(10), log.Add);

        Assert.Equal(2, moved);
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(Path.Combine(OrphanFiles.LostAndFound(archive.Server.Storage), generated)));
        Assert.True(File.Exists(Path.Combine(OrphanFiles.LostAndFound(archive.Server.Storage), "ab", "cd", "orphan.dcm")));
        Assert.True(File.Exists(indexed));
        Assert.True(File.Exists(young));
        Assert.Equal(2, log.Count);
        Assert.Contains(log, line => line.Contains("orphan.dcm", StringComparison.Ordinal));
    }
}
