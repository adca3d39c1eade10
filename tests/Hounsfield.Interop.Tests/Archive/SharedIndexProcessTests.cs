using Hounsfield.Archive.Index;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Archive;

/// <summary>Two `hounsfield serve` processes on one PostgreSQL index and one data folder, DCMTK storescu sending the same study to both at once.</summary>
public sealed class SharedIndexProcessTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-shared-serve-").FullName;
    private TestDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [PostgresFact]
    public async Task Both_servers_index_every_instance_once()
    {
        _database = await TestDatabase.CreateAsync();
        var data = Path.Combine(_dir, "data");
        var files = Enumerable.Range(1, 30).Select(i =>
        {
            var ds = new DicomDataset()
                .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, $"1.2.6.9.1.{i}")
                .Set(DicomTag.StudyInstanceUID, "1.2.6.9").Set(DicomTag.SeriesInstanceUID, "1.2.6.9.1").Set(DicomTag.PatientID, "SHARED");
            var path = Path.Combine(_dir, $"s{i}.dcm");
            new DicomFile(ds).Save(path);
            return path;
        }).ToList();
        var ports = new[] { InteropNetwork.FreePort(), InteropNetwork.FreePort() };
        var servers = ports.Select(port => HounsfieldCli.Start("serve", "--port", port.ToString(), "--data", data, "--database", _database.ConnectionString)).ToList();
        try
        {
            foreach (var server in servers) await server.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(60));
            // Two associations per server, every file on each, in opposite orders.
            var sends = Enumerable.Range(0, 4).Select(n => DcmtkProcess.RunAsync(TimeSpan.FromSeconds(120), "storescu",
                ["-aec", "HOUNSFIELD", "127.0.0.1", ports[n % 2].ToString(), .. n < 2 ? files : files.AsEnumerable().Reverse()]));
            foreach (var (exit, output) in await Task.WhenAll(sends)) Assert.True(exit == 0, output);
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
        await using var index = SqlArchiveIndex.OpenPostgres(_database.ConnectionString);
        Assert.Equal((1L, 1L, 1L, 30L), await index.CountAsync());
        var stored = Directory.EnumerateFiles(Path.Combine(data, "files"), "*.dcm", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}incoming{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, stored.Count);
        foreach (var file in files)
        {
            var uid = DicomFile.Open(file).Dataset.GetString(DicomTag.SOPInstanceUID)!;
            Assert.True(File.Exists(Path.Combine(data, "files", (await index.FindInstanceAsync(uid))!.Path)));
        }
    }
}
