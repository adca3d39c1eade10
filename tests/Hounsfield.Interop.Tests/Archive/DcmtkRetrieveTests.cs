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

    // An RLE-stored study, for receivers that take only uncompressed syntaxes (storescp's and getscu's defaults).
    private async Task<byte[]> StoreRleStudyAsync()
    {
        var pixels = new byte[16 * 16 * 2];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 13);
        var ds = new DicomDataset()
            .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value).Set(DicomTag.SOPInstanceUID, "1.2.6.2.1.1")
            .Set(DicomTag.StudyInstanceUID, "1.2.6.2").Set(DicomTag.SeriesInstanceUID, "1.2.6.2.1").Set(DicomTag.PatientID, "R2")
            .Set(DicomTag.Rows, (ushort)16).Set(DicomTag.Columns, (ushort)16).Set(DicomTag.BitsAllocated, (ushort)16)
            .Set(DicomTag.BitsStored, (ushort)16).Set(DicomTag.HighBit, (ushort)15).Set(DicomTag.SamplesPerPixel, (ushort)1)
            .Set(DicomTag.PhotometricInterpretation, "MONOCHROME2").Set(DicomTag.PixelRepresentation, (ushort)0)
            .SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        var rle = Hounsfield.Dicom.Codecs.Transcoding.DicomTranscoder.Transcode(new DicomFile(ds), DicomTransferSyntax.Get("1.2.840.10008.1.2.5"));
        var path = Path.Combine(_dir, "rle.dcm");
        rle.Save(path);
        var sent = DicomFile.Open(path);
        await using var client = await DicomClient.ConnectAsync($"HOUNSFIELD@127.0.0.1:{_port}", new DicomClientOptions().ProposeFor([sent]));
        Assert.True((await client.StoreAsync(sent)).Status.IsSuccess);
        return pixels;
    }

    private static void AssertUncompressedCopy(string folder, byte[] pixels)
    {
        var file = DicomFile.Open(Assert.Single(Directory.GetFiles(folder)));
        Assert.False(file.TransferSyntax.IsEncapsulated);
        Assert.Equal(pixels, file.Dataset.GetBytes(DicomTag.PixelData).ToArray());
    }

    [Theory, Databases]
    public async Task An_rle_stored_study_reaches_storescp_and_getscu_decompressed(string database)
    {
        await StartAsync(database);
        var pixels = await StoreRleStudyAsync();
        var moved = Path.Combine(_dir, "moved-rle");
        var got = Path.Combine(_dir, "got-rle");
        Directory.CreateDirectory(moved);
        Directory.CreateDirectory(got);
        await using (var storescp = DcmtkProcess.Start("storescp", "-aet", "STORESCP", "-od", moved, _storescpPort.ToString()))
        {
            await Task.Delay(300);
            PeerTool.Run("movescu", ["-S", "-aec", "HOUNSFIELD", "-aem", "STORESCP", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.6.2", "127.0.0.1", _port.ToString()]).EnsureSuccess();
        }
        AssertUncompressedCopy(moved, pixels);
        PeerTool.Run("getscu", ["-S", "-aec", "HOUNSFIELD", "-od", got, "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.6.2", "127.0.0.1", _port.ToString()]).EnsureSuccess();
        AssertUncompressedCopy(got, pixels);
    }
}
