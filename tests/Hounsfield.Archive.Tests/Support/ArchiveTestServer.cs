using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Tests.Support;

/// <summary>
/// An archive on a free loopback port over a temporary data folder and an index on
/// <paramref name="database"/> (<see cref="TestDatabase"/>), with helpers to make and send instances.
/// </summary>
public sealed class ArchiveTestServer(string database = TestDatabase.Sqlite) : IAsyncDisposable
{
    // Made when first started: a test skipped before that (no PostgreSQL) leaves no folder behind.
    private string? _data;
    private TestDatabase? _database;
    private bool _owner = true;

    public ArchiveOptions Options { get; } = new();

    public ArchiveServer Server { get; private set; } = null!;

    public string Peer => $"HOUNSFIELD@127.0.0.1:{Server.Host.Endpoints[0].Port}";

    public int Port => Server.Host.Endpoints[0].Port;

    /// <summary>Changes the host options before the server is created (e.g. a TLS port).</summary>
    public Action<DicomHostOptions>? ConfigureHost { get; set; }

    /// <summary>A started archive on <paramref name="database"/>.</summary>
    public static async Task<ArchiveTestServer> StartAsync(string database)
    {
        var archive = new ArchiveTestServer(database);
        await archive.StartAsync();
        return archive;
    }

    /// <summary>A second started archive (another port) sharing this one's data folder and PostgreSQL index.</summary>
    public async Task<ArchiveTestServer> StartSharingAsync()
    {
        var other = new ArchiveTestServer(database) { _owner = false };
        other._data = _data;
        other.Options.Database = Options.Database;
        other.Options.DuplicatePolicy = Options.DuplicatePolicy;
        other.Options.Coercion = Options.Coercion;
        await other.StartAsync();
        return other;
    }

    public async Task StartAsync()
    {
        if (database == TestDatabase.Postgres && _owner && _database is null)
        {
            _database = await TestDatabase.CreateAsync();
            Options.Database = _database.ConnectionString;
        }
        Options.DataDirectory = _data ??= Directory.CreateTempSubdirectory("hf-archive-").FullName;
        var host = new DicomHostOptions { Port = 0, BindAddress = System.Net.IPAddress.Loopback };
        ConfigureHost?.Invoke(host);
        Server = ArchiveServer.Create(Options, host);
        await Server.Host.StartAsync();
    }

    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        if (!_owner) return;
        if (_database is not null) await _database.DisposeAsync();
        if (_data is not null) Directory.Delete(_data, recursive: true);
    }

    public static DicomFile Instance(string? sopInstance = null, string study = "1.2.826.0.1.3680043.2.1125.1",
        string patientId = "P1", string patientName = "Doe^Jane", string modality = "CT", string studyDate = "20240115", string? characterSet = null)
    {
        var ds = new DicomDataset();
        if (characterSet is not null) ds.Set(DicomTag.SpecificCharacterSet, characterSet);
        ds.Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value)
            .Set(DicomTag.SOPInstanceUID, sopInstance ?? DicomUid.Generate().Value)
            .Set(DicomTag.StudyInstanceUID, study)
            .Set(DicomTag.SeriesInstanceUID, study + ".1")
            .Set(DicomTag.PatientID, patientId)
            .Set(DicomTag.PatientName, patientName)
            .Set(DicomTag.Modality, modality)
            .Set(DicomTag.StudyDate, studyDate)
            .Set(DicomTag.Rows, (ushort)2).Set(DicomTag.Columns, (ushort)2).Set(DicomTag.BitsAllocated, (ushort)16)
            .SetBytes(DicomTag.PixelData, DicomVR.OW, [1, 0, 2, 0, 3, 0, 4, 0]);
        return new DicomFile(ds);
    }

    public async Task<CStoreResponse> StoreAsync(DicomFile file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hf-send-{Guid.NewGuid():N}.dcm");
        file.Save(path);
        try
        {
            var sent = DicomFile.Open(path);
            await using var client = await DicomClient.ConnectAsync(Peer, new DicomClientOptions().ProposeFor([sent]));
            return await client.StoreAsync(sent);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
