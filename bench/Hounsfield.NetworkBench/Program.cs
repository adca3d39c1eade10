using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

// End-to-end network benchmark driver, used by bench/network/store.sh:
//   gen DIR COUNT                              write COUNT CT 512x512 16-bit files
//   scp PORT                                   a C-STORE SCP that discards data sets (like storescp --ignore)
//   scu AET@HOST:PORT DIR ASSOCIATIONS WINDOW  store every file of DIR over ASSOCIATIONS associations,
//                                              each with up to WINDOW operations outstanding
// and by bench/archive/run.sh:
//   studies DIR COUNT                          write COUNT one-instance studies (100 names, dates over 2021-2022)
//   find AET@HOST:PORT COUNT [WARMUP]          COUNT study-level C-FINDs on one association, alternating a
//                                              wildcard name and a one-month date range; prints p50/p95;
//                                              WARMUP unmeasured queries first, in three rounds a second apart
//   fsync DIR COUNT THREADS BYTES [direct]     write COUNT files of BYTES from THREADS threads, each flushed
//                                              to disk before the next: the machine's durable-write limit;
//                                              direct: with O_DIRECT (Linux, BYTES a multiple of 4096), past the page cache
//   index COUNT CONCURRENCY [DATABASE]         COUNT archive index stores, CONCURRENCY at a time, into a fresh
//                                              SQLite index, or a PostgreSQL one given as URI (fresh UIDs each run)
return args switch
{
    ["studies", var dir, var count] => GenerateStudies(dir, int.Parse(count)),
    ["find", var peer, var count] => await FindAsync(peer, int.Parse(count), 0),
    ["find", var peer, var count, var warmup] => await FindAsync(peer, int.Parse(count), int.Parse(warmup)),
    ["fsync", var dir, var count, var threads, var bytes] => DurableWrites(dir, int.Parse(count), int.Parse(threads), int.Parse(bytes), false),
    ["fsync", var dir, var count, var threads, var bytes, "direct"] => DurableWrites(dir, int.Parse(count), int.Parse(threads), int.Parse(bytes), true),
    ["index", var count, var concurrency] => await IndexAsync(int.Parse(count), int.Parse(concurrency), null),
    ["index", var count, var concurrency, var database] => await IndexAsync(int.Parse(count), int.Parse(concurrency), database),
    ["gen", var dir, var count] => Generate(dir, int.Parse(count)),
    ["scp", var port] => await ServeAsync(int.Parse(port)),
    ["scu", var peer, var dir, var associations, var window] => await StoreAsync(peer, dir, int.Parse(associations), int.Parse(window)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: gen DIR COUNT | scp PORT | scu AET@HOST:PORT DIR ASSOCIATIONS WINDOW | studies DIR COUNT | find AET@HOST:PORT COUNT [WARMUP] | fsync DIR COUNT THREADS BYTES [direct] | index COUNT CONCURRENCY [DATABASE]");
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
    using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
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

static int GenerateStudies(string dir, int count)
{
    Directory.CreateDirectory(dir);
    var start = new DateOnly(2021, 1, 1);
    for (var i = 0; i < count; i++)
    {
        var ds = new DicomDataset()
            .Set(DicomTag.SOPClassUID, DicomUid.SecondaryCaptureImageStorage.Value)
            .Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value)
            .Set(DicomTag.StudyInstanceUID, DicomUid.Generate().Value).Set(DicomTag.SeriesInstanceUID, DicomUid.Generate().Value)
            .Set(DicomTag.PatientID, $"PID{i:D6}").Set(DicomTag.PatientName, $"NAME{i % 100:D3}^Given{i}")
            .Set(DicomTag.StudyDate, start.AddDays(i % 730).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))
            .Set(DicomTag.StudyTime, "120000").Set(DicomTag.AccessionNumber, $"ACC{i:D6}").Set(DicomTag.StudyID, $"{i}")
            .Set(DicomTag.Modality, i % 3 == 0 ? "MR" : "CT").Set(DicomTag.StudyDescription, "Bench study");
        new DicomFile(ds).Save(Path.Combine(dir, $"st{i:D6}.dcm"));
    }
    return 0;
}

static async Task<int> FindAsync(string peer, int count, int warmup)
{
    var model = DicomUid.StudyRootQueryRetrieveInformationModelFind.Value;
    await using var client = await DicomClient.ConnectAsync(peer, new DicomClientOptions().Propose(model));
    long matches = 0;
    async Task<double> QueryAsync(int i)
    {
        var identifier = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY")
            .SetEmpty(DicomTag.StudyInstanceUID).SetEmpty(DicomTag.PatientID).SetEmpty(DicomTag.AccessionNumber).SetEmpty(DicomTag.StudyDescription);
        if (i % 2 == 0)
        {
            identifier.Set(DicomTag.PatientName, $"NAME{i / 2 % 100:D3}*").SetEmpty(DicomTag.StudyDate);
        }
        else
        {
            var month = new DateOnly(2021, 1, 1).AddMonths(i / 2 % 24);
            identifier.SetEmpty(DicomTag.PatientName)
                .Set(DicomTag.StudyDate, $"{month:yyyyMMdd}-{month.AddMonths(1).AddDays(-1):yyyyMMdd}");
        }
        var clock = Stopwatch.StartNew();
        await foreach (var response in client.SendAsync(new CFindRequest(model, identifier)))
        {
            if (response.Status.IsPending) matches++;
            else if (!response.Status.IsSuccess) throw new InvalidOperationException($"C-FIND failed: {response.Status}");
        }
        return clock.Elapsed.TotalMilliseconds;
    }
    // Warm-up in three rounds a second apart, on this association: both sides' tiered JIT (when
    // either is .NET) promotes a method after 30 calls once nothing new was compiled for 100 ms.
    for (var round = 0; round < 3 && warmup > 0; round++)
    {
        for (var i = 0; i < warmup / 3; i++) await QueryAsync(i);
        await Task.Delay(1000);
    }
    matches = 0;
    var latencies = new List<double>(count);
    for (var i = 0; i < count; i++) latencies.Add(await QueryAsync(i));
    await client.ReleaseAsync();
    latencies.Sort();
    double At(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
    Console.WriteLine($"{count} queries, {matches} matches: p50 {At(0.50):0.00} ms, p95 {At(0.95):0.00} ms, mean {latencies.Average():0.00} ms");
    return 0;
}

static int DurableWrites(string dir, int count, int threads, int bytes, bool direct)
{
    Directory.CreateDirectory(dir);
    var payload = new byte[bytes];
    new Random(3).NextBytes(payload);
    using var aligned = direct ? new DirectWrite(payload) : null;
    var next = -1;
    // The CPU the writes cost shows how much of the time the kernel spent copying into fresh
    // page-cache memory, which varies several-fold from run to run on a virtual machine.
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var path = Path.Combine(dir, $"w{i:D6}");
            if (aligned is not null)
            {
                aligned.WriteFile(path);
                continue;
            }
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            file.Write(payload);
            file.Flush(flushToDisk: true);
        }
    });
    var seconds = clock.Elapsed.TotalSeconds;
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine($"{count} files of {bytes} bytes, {threads} threads, each flushed to disk{(direct ? " (O_DIRECT)" : "")}: {seconds * 1000:0} ms, {count / seconds:0} files/s, {(double)count * bytes / seconds / 1e6:0.0} MB/s, CPU {cpu.TotalMilliseconds:0} ms");
    return 0;
}

// Files written with O_DIRECT from one page-aligned copy of the payload (the kernel DMAs from it),
// then fdatasync'ed for the metadata and the device's cache.
sealed unsafe class DirectWrite : IDisposable
{
    private const int CreateExclusiveDirect = 0x1 | 0x40 | 0x80 | 0x4000; // O_WRONLY|O_CREAT|O_EXCL|O_DIRECT (Linux x64)
    private readonly byte* _buffer;
    private readonly int _length;

    public DirectWrite(byte[] payload)
    {
        if (payload.Length % 4096 != 0) throw new ArgumentException("O_DIRECT needs a multiple of 4096 bytes");
        _length = payload.Length;
        _buffer = (byte*)NativeMemory.AlignedAlloc((nuint)_length, 4096);
        payload.CopyTo(new Span<byte>(_buffer, _length));
    }

    public void WriteFile(string path)
    {
        var fd = open(path, CreateExclusiveDirect, 420 /* 0644 */);
        if (fd < 0) throw new IOException($"open {path}: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (write(fd, _buffer, (nint)_length) != _length || fdatasync(fd) != 0)
                throw new IOException($"writing {path}: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            close(fd);
        }
    }

    public void Dispose() => NativeMemory.AlignedFree(_buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte* buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int fdatasync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
