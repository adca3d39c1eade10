using Hounsfield.Archive;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Interop.Tests.Network;
using Hounsfield.Interop.Tests.Support;

namespace Hounsfield.Interop.Tests.Archive;

/// <summary>DCMTK movescu (to a DCMTK storescp) and getscu against the archive, on each index database.</summary>
public sealed class DcmtkRetrieveTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-retrieve-interop-").FullName;
    private readonly int _storescpPort = InteropNetwork.FreePort();
    private ArchiveServer? _server;
    private TestDatabase? _database;
    private int _port;

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(string database)
    {
        if (database == TestDatabase.Postgres) _database = await TestDatabase.CreateAsync();
        var options = new ArchiveOptions { DataDirectory = Path.Combine(_dir, "data"), Database = _database?.ConnectionString };
        options.Peers["STORESCP"] = new DicomPeer("STORESCP", "127.0.0.1", _storescpPort);
        _server = ArchiveServer.Create(options, new DicomHostOptions { Port = 0, BindAddress = System.Net.IPAddress.Loopback });
        await _server.Host.StartAsync();
        _port = _server.Host.Endpoints[0].Port;
        var files = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            var ds = new DicomDataset()
                .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, $"1.2.6.1.1.{i}")
                .Set(DicomTag.StudyInstanceUID, "1.2.6.1").Set(DicomTag.SeriesInstanceUID, "1.2.6.1.1")
                .Set(DicomTag.PatientID, "R1").Set(DicomTag.Rows, (ushort)2).Set(DicomTag.Columns, (ushort)2).Set(DicomTag.BitsAllocated, (ushort)16)
                .SetBytes(DicomTag.PixelData, DicomVR.OW, [1, 0, 2, 0, 3, 0, 4, (byte)i]);
            var path = Path.Combine(_dir, $"r{i}.dcm");
            new DicomFile(ds).Save(path);
            files.Add(path);
        }
        PeerTool.Run("storescu", ["-aec", "HOUNSFIELD", "127.0.0.1", _port.ToString(), .. files]).EnsureSuccess();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory, Databases]
    public async Task Movescu_moves_a_study_to_storescp(string database)
    {
        await StartAsync(database);
        var received = Path.Combine(_dir, "moved");
        Directory.CreateDirectory(received);
        await using var storescp = DcmtkProcess.Start("storescp", "-aet", "STORESCP", "-od", received, _storescpPort.ToString());
        await Task.Delay(300);
        PeerTool.Run("movescu", ["-S", "-aec", "HOUNSFIELD", "-aem", "STORESCP", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.6.1", "127.0.0.1", _port.ToString()]).EnsureSuccess();
        Assert.Equal(4, Directory.GetFiles(received).Length);
        foreach (var file in Directory.GetFiles(received))
            Assert.StartsWith("1.2.6.1.1.", DicomFile.Open(file).Dataset.GetString(DicomTag.SOPInstanceUID));
    }

    [Theory, Databases]
    public async Task Getscu_gets_a_study_over_its_own_association(string database)
    {
        await StartAsync(database);
        var received = Path.Combine(_dir, "got");
        Directory.CreateDirectory(received);
        PeerTool.Run("getscu", ["-S", "-aec", "HOUNSFIELD", "-od", received, "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.6.1", "127.0.0.1", _port.ToString()]).EnsureSuccess();
        Assert.Equal(4, Directory.GetFiles(received).Length);
        var pixels = DicomFile.Open(Directory.GetFiles(received).Order().First()).Dataset.GetBytes(DicomTag.PixelData).ToArray();
        Assert.Equal(8, pixels.Length);
    }

    [Theory, Databases]
    public async Task Movescu_to_an_unknown_destination_gets_A801(string database)
    {
        await StartAsync(database);
        var result = PeerTool.Run("movescu", ["-S", "-v", "-aec", "HOUNSFIELD", "-aem", "NOBODY", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.6.1", "127.0.0.1", _port.ToString()]);
        Assert.Contains("MoveDestinationUnknown", result.Output + result.Error);
    }
}
