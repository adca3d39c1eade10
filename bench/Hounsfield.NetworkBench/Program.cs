using System.Diagnostics;
using System.Net;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

// End-to-end network benchmark driver, used by bench/network/store.sh:
//   gen DIR COUNT                              write COUNT CT 512x512 16-bit files
//   scp PORT                                   a C-STORE SCP that discards data sets (like storescp --ignore)
//   scu AET@HOST:PORT DIR ASSOCIATIONS WINDOW  store every file of DIR over ASSOCIATIONS associations,
//                                              each with up to WINDOW operations outstanding
//   index COUNT CONCURRENCY [DATABASE]         COUNT archive index stores, CONCURRENCY at a time, into a fresh
//                                              SQLite index, or a PostgreSQL one given as URI (fresh UIDs each run)
return args switch
{
    ["index", var count, var concurrency] => await IndexAsync(int.Parse(count), int.Parse(concurrency), null),
    ["index", var count, var concurrency, var database] => await IndexAsync(int.Parse(count), int.Parse(concurrency), database),
    ["gen", var dir, var count] => Generate(dir, int.Parse(count)),
    ["scp", var port] => await ServeAsync(int.Parse(port)),
    ["scu", var peer, var dir, var associations, var window] => await StoreAsync(peer, dir, int.Parse(associations), int.Parse(window)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: gen DIR COUNT | scp PORT | scu AET@HOST:PORT DIR ASSOCIATIONS WINDOW | index COUNT CONCURRENCY [DATABASE]");
    return 2;
}

// The index alone (no files, no network): instances of 100-instance studies in 4 series, 600-byte
// attribute blobs, as the storage SCP hands them over, all stores outstanding at once up to CONCURRENCY.
static async Task<int> IndexAsync(int count, int concurrency, string? database)
{
    var dir = Directory.CreateTempSubdirectory("hf-index-bench-").FullName;
    try
    {
        await using var index = Hounsfield.Archive.Index.SqlArchiveIndex.Open(database, dir);
        var blob = new byte[600];
        new Random(1).NextBytes(blob);
        var run = Guid.NewGuid().ToString("N")[..8];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var study = $"1.2.3.{run}.{i / 100}";
                await index.StoreAsync(new Hounsfield.Archive.Index.InstanceRecord
                {
                    PatientId = $"P{run}.{i / 500}", StudyInstanceUid = study, SeriesInstanceUid = $"{study}.{i / 25 % 4}",
                    SopInstanceUid = $"{study}.9.{i}", SopClassUid = DicomUid.CTImageStorage.Value, TransferSyntaxUid = DicomUid.ExplicitVRLittleEndian.Value,
                    Path = $"{Guid.NewGuid():N}.dcm", Size = 524288, PatientAttributes = blob[..100], StudyAttributes = blob[..200],
                    SeriesAttributes = blob[..100], InstanceAttributes = blob,
                }, Hounsfield.Archive.Index.DuplicatePolicy.KeepFirst);
            }
        }));
        var ms = clock.ElapsedMilliseconds;
        Console.WriteLine($"{count} index stores, {concurrency} at a time, {(database is null ? "SQLite" : "PostgreSQL")}: {ms} ms ({count * 1000L / Math.Max(ms, 1)}/s)");
        return 0;
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

static int Generate(string dir, int count)
{
    Directory.CreateDirectory(dir);
    var pixels = new byte[512 * 512 * 2];
    new Random(1).NextBytes(pixels);
    var study = DicomUid.Generate().Value;
    var series = DicomUid.Generate().Value;
    for (var i = 0; i < count; i++)
    {
        var ds = new DicomDataset()
            .Set(DicomTag.SOPClassUID, DicomUid.CTImageStorage.Value)
            .Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value)
            .Set(DicomTag.StudyInstanceUID, study).Set(DicomTag.SeriesInstanceUID, series)
            .Set(DicomTag.PatientID, "BENCH").Set(DicomTag.PatientName, "Bench^Patient").Set(DicomTag.Modality, "CT")
            .Set(DicomTag.InstanceNumber, i + 1)
            .Set(DicomTag.SamplesPerPixel, (ushort)1).Set(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Set(DicomTag.Rows, (ushort)512).Set(DicomTag.Columns, (ushort)512)
            .Set(DicomTag.BitsAllocated, (ushort)16).Set(DicomTag.BitsStored, (ushort)16).Set(DicomTag.HighBit, (ushort)15)
            .Set(DicomTag.PixelRepresentation, (ushort)0)
            .SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        new DicomFile(ds).Save(Path.Combine(dir, $"ct{i:D5}.dcm"));
    }
    return 0;
}

static async Task<int> ServeAsync(int port)
{
    var options = new DicomHostOptions { Port = port, BindAddress = IPAddress.Loopback, AcceptAnyCalledAETitle = true, DiscardStoreData = true, MaxOperations = 64 };
    options.Listener.MaxAssociations = 1000;
    var host = new DicomHost(options).AddVerification()
        .Handle<CStoreRequest>((request, _, _) => Task.FromResult(request.CreateResponse(DimseStatus.Success)),
            [DicomUid.CTImageStorage.Value], [DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian]);
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
    await host.RunAsync(stop.Token);
    return 0;
}

static async Task<int> StoreAsync(string peer, string dir, int associations, int window)
{
    var files = Directory.GetFiles(dir, "*.dcm").Order().Select(f => DicomFile.Open(f)).ToArray();
    var bytes = Directory.GetFiles(dir, "*.dcm").Sum(f => new FileInfo(f).Length);
    var failures = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, associations).Select(async a =>
    {
        var mine = files.Where((_, i) => i % associations == a).ToArray();
        if (mine.Length == 0) return;
        var options = new DicomClientOptions { MaxOperations = window }.ProposeFor(mine);
        await using var client = await DicomClient.ConnectAsync(peer, options);
        using var gate = new SemaphoreSlim(window);
        await Task.WhenAll(mine.Select(async file =>
        {
            await gate.WaitAsync();
            try
            {
                var response = await client.StoreAsync(file);
                if (!response.Status.IsSuccess) Interlocked.Increment(ref failures);
            }
            finally
            {
                gate.Release();
            }
        }));
        await client.ReleaseAsync();
    }));
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"{files.Length} files in {seconds * 1000:0} ms: {files.Length / seconds:0} files/s, {bytes / seconds / 1e6:0.0} MB/s, {failures} failed");
    return failures == 0 ? 0 : 1;
}
