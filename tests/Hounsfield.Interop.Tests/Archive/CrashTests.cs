using System.Collections.Concurrent;
using Hounsfield.Archive.Index;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Archive;

/// <summary>kill -9 of `hounsfield serve` while four associations store: nothing acknowledged is lost (SQLite, and PostgreSQL through `--database`).</summary>
public sealed class CrashTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-crash-").FullName;
    private TestDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory, Databases]
    public async Task Every_acknowledged_instance_survives_kill_minus_9(string database)
    {
        if (database == TestDatabase.Postgres) _database = await TestDatabase.CreateAsync();
        var data = Path.Combine(_dir, "data");
        var port = InteropNetwork.FreePort();
        string[] serve = ["serve", "--port", port.ToString(), "--data", data, .. _database is null ? Array.Empty<string>() : ["--database", _database.ConnectionString]];
        var files = MakeFiles(Path.Combine(_dir, "send"), 240);
        var acknowledged = new ConcurrentDictionary<string, string>();
        await using (var server = HounsfieldCli.Start(serve))
        {
            await server.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(30));
            var senders = ConcurrentStores.StartAsync(port, files, acknowledged);
            await ConcurrentStores.WaitForAsync(acknowledged, 40);
            server.Stop();
            await senders;
        }
        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} stores were acknowledged before the kill");
        Assert.True(acknowledged.Count < files.Count, "every store finished before the kill: the test proved nothing");

        await using (var restarted = HounsfieldCli.Start(serve))
        {
            await restarted.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(30));
            restarted.Terminate();
            Assert.Equal(0, await restarted.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        }

        var incoming = Path.Combine(data, "files", "incoming");
        Assert.Empty(Directory.EnumerateFiles(incoming, "*", SearchOption.AllDirectories));
        await using var index = SqlArchiveIndex.Open(_database?.ConnectionString, data);
        foreach (var (uid, sent) in acknowledged)
        {
            var record = await index.FindInstanceAsync(uid);
            Assert.True(record is not null, $"acknowledged instance {uid} is not in the index after the crash");
            var stored = DicomFile.Open(Path.Combine(data, "files", record.Path));
            var original = DicomFile.Open(sent);
            Assert.Equal(DatasetBytes(original), DatasetBytes(stored));
        }
        if (_database is null) await AssertEveryStoredFileIsIndexedAsync(Path.Combine(data, "files"), index);
    }

    // With the embedded index the restart settles the files of the killed process: those committed
    // but not yet indexed when it died are indexed then.
    private static async Task AssertEveryStoredFileIsIndexedAsync(string storage, SqlArchiveIndex index)
    {
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var path in index.PathsAsync()) indexed.Add(path);
        var unindexed = Directory.EnumerateFiles(storage, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(storage, file))
            .Where(path => !path.StartsWith("incoming", StringComparison.Ordinal) && !indexed.Contains(path))
            .ToList();
        Assert.Empty(unindexed);
    }

    private static byte[] DatasetBytes(DicomFile file) => File.ReadAllBytes(file.SourcePath!)[(int)file.DatasetOffset..];

    internal static List<string> MakeFiles(string dir, int count)
    {
        Directory.CreateDirectory(dir);
        var pixels = new byte[256 * 256 * 2];
        new Random(7).NextBytes(pixels);
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var ds = new DicomDataset()
                .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value)
                .Set(DicomTag.StudyInstanceUID, $"1.2.826.0.1.3680043.2.1125.7.{i % 6}").Set(DicomTag.SeriesInstanceUID, $"1.2.826.0.1.3680043.2.1125.7.{i % 6}.1")
                .Set(DicomTag.PatientID, "CRASH").Set(DicomTag.Rows, (ushort)256).Set(DicomTag.Columns, (ushort)256)
                .Set(DicomTag.BitsAllocated, (ushort)16).SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
            var path = Path.Combine(dir, $"f{i}.dcm");
            new DicomFile(ds).Save(path);
            paths.Add(path);
        }
        return paths;
    }
}
