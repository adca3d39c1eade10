using System.Collections.Concurrent;
using Hounsfield.Archive.Index;
using Hounsfield.Archive.Query;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Archive;

/// <summary>SIGTERM to `hounsfield serve` while four associations store: a clean stop, nothing acknowledged lost, index and folder agree.</summary>
public sealed class ShutdownTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-shutdown-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SIGTERM_during_a_multi_association_store_stops_cleanly_and_keeps_every_acknowledged_instance()
    {
        var data = Path.Combine(_dir, "data");
        var config = Path.Combine(_dir, "hounsfield.json");
        File.WriteAllText(config, """{ "Network": { "ShutdownGracePeriod": "00:00:01" } }""");
        var files = CrashTests.MakeFiles(Path.Combine(_dir, "send"), 400);
        var port = InteropNetwork.FreePort();
        var acknowledged = new ConcurrentDictionary<string, string>();
        int exitCode;
        string output;
        await using (var server = HounsfieldCli.Start("serve", "--config", config, "--port", port.ToString(), "--data", data))
        {
            await server.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(30));
            var senders = ConcurrentStores.StartAsync(port, files, acknowledged);
            await ConcurrentStores.WaitForAsync(acknowledged, 40);
            server.Terminate();
            exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));
            await senders;
            output = server.Output;
        }
        Assert.True(exitCode == 0, $"serve exited with {exitCode}:\n{output}");
        Assert.Contains("stopped", output);
        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} stores were acknowledged before SIGTERM");

        var storage = Path.Combine(data, "files");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(storage, "incoming"), "*", SearchOption.AllDirectories));
        await using var index = SqlArchiveIndex.OpenSqlite(Path.Combine(data, "index.sqlite"));
        foreach (var (uid, sent) in acknowledged)
        {
            var record = await index.FindInstanceAsync(uid);
            Assert.True(record is not null, $"acknowledged instance {uid} is not in the index after SIGTERM");
            Assert.Equal(File.ReadAllBytes(sent)[(int)DicomFile.Open(sent).DatasetOffset..],
                File.ReadAllBytes(Path.Combine(storage, record.Path))[(int)DicomFile.Open(Path.Combine(storage, record.Path)).DatasetOffset..]);
        }
        // Index and folder agree: every indexed file exists and every stored file is indexed.
        var all = DicomQuery.Parse(QueryModel.PatientRoot, new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "IMAGE"));
        var indexed = new HashSet<string>();
        await foreach (var instance in index.FindInstancesAsync(all)) indexed.Add(Path.GetFullPath(Path.Combine(storage, instance.Path)));
        var onDisk = Directory.EnumerateFiles(storage, "*.dcm", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(Path.Combine(storage, "incoming"), StringComparison.Ordinal)).Select(Path.GetFullPath).ToHashSet();
        Assert.Equal(onDisk.Count, indexed.Count);
        Assert.True(onDisk.SetEquals(indexed), "the storage folder and the index disagree");
        Assert.True(indexed.Count >= acknowledged.Count);
    }
}
