using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Media;
using Hounsfield.Dicom.Codecs.Transcoding;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Cli.Commands;

/// <summary><c>hounsfield store PEER PATH...</c>: C-STORE files and folders, in parallel, with a summary by status.</summary>
internal static class StoreCommand
{
    public static Command Create()
    {
        var peer = new Argument<string>("peer") { Description = "The remote AE, written AET@HOST:PORT, or a peer named in the client config" };
        var paths = new Argument<string[]>("paths") { Description = "Files and folders (searched recursively)", Arity = ArgumentArity.OneOrMore };
        var associations = new Option<int>("--associations") { Description = "Associations used in parallel", DefaultValueFactory = _ => 1 };
        var retry = new Option<int>("--retry") { Description = "Retries for files that failed transiently (association lost, out of resources)", DefaultValueFactory = _ => 0 };
        var decompress = new Option<bool>("--decompress") { Description = "Propose and send uncompressed syntaxes only, decompressing compressed files" };
        var network = new NetworkOptions();
        var command = new Command("store", "Send DICOM files to a peer with C-STORE") { peer, paths, associations, retry, decompress };
        network.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var target = network.Peer(parse.GetValue(peer)!);
            var (files, skipped) = FileScanner.Scan(parse.GetValue(paths)!);
            foreach (var (path, reason) in skipped) Console.Error.WriteLine($"skipped {path}: {reason}");
            if (files.Count == 0) throw new CommandException("no DICOM files to send");
            var sender = new StoreSession(target, network.ToClientOptions(parse, parse.GetValue(peer)!), Math.Max(1, parse.GetValue(associations)), parse.GetValue(decompress));
            var report = await sender.SendAsync(files, Math.Max(0, parse.GetValue(retry)), ct);
            report.Print(Console.Out);
            if (report.Failed.Count > 0) throw new CommandException($"{report.Failed.Count} of {files.Count} file(s) were not stored");
        }));
        return command;
    }
}

/// <summary>Finds the DICOM files under the given paths, reading only their metadata.</summary>
internal static class FileScanner
{
    public static (List<DicomFile> Files, List<(string Path, string Reason)> Skipped) Scan(IEnumerable<string> paths)
    {
        var files = new List<DicomFile>();
        var skipped = new List<(string, string)>();
        foreach (var path in paths.SelectMany(p => Expand(p, skipped)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (IsDicomdir(path)) continue;
            try
            {
                var file = DicomFile.Open(path);
                if (file.Dataset.GetString(DicomTag.SOPClassUID) is null && file.FileMetaInformation.GetString(DicomTag.MediaStorageSOPClassUID) is null)
                    skipped.Add((path, "no SOP Class UID"));
                else files.Add(file);
            }
            catch (DicomFormatException e)
            {
                skipped.Add((path, "not DICOM: " + e.Message));
            }
        }
        return (files, skipped);
    }

    // A folder with a DICOMDIR is media: what its records reference is sent, not every file below it.
    private static IEnumerable<string> Expand(string path, List<(string, string)> skipped)
    {
        if (File.Exists(path)) return IsDicomdir(path) ? Referenced(path, skipped) ?? [] : [path];
        if (!Directory.Exists(path)) throw new CommandException($"{path} does not exist");
        var dicomdir = DicomDirectory.Find(path);
        return (dicomdir is null ? null : Referenced(dicomdir, skipped)) ?? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories);
    }

    private static List<string>? Referenced(string dicomdir, List<(string, string)> skipped)
    {
        try
        {
            var missing = new List<string>();
            var files = DicomDirectory.Open(dicomdir).ReferencedFiles(missing);
            skipped.AddRange(missing.Select(m => (m, $"referenced by {dicomdir} but not found")));
            return [.. files];
        }
        catch (DicomFormatException e)
        {
            skipped.Add((dicomdir, $"unreadable DICOMDIR, the folder is scanned instead: {e.Message}"));
            return null;
        }
    }

    private static bool IsDicomdir(string path) => Path.GetFileName(path).Equals("DICOMDIR", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Sends files over several associations and collects what happened to each.</summary>
internal sealed class StoreSession(DicomPeer peer, DicomClientOptions options, int associations, bool decompress)
{
    private readonly ConcurrentDictionary<DicomFile, (DimseStatus? Status, string Detail)> _outcome = new();
    private long _bytes;
    private int _done;

    public async Task<StoreReport> SendAsync(List<DicomFile> files, int retries, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var progress = new ProgressLine(files.Count, () => (_done, Interlocked.Read(ref _bytes)), clock);
        var pending = files;
        for (var attempt = 0; attempt <= retries && pending.Count > 0; attempt++)
        {
            var lanes = Math.Min(associations, pending.Count);
            await Task.WhenAll(Enumerable.Range(0, lanes).Select(n =>
                SendLaneAsync(pending.Where((_, i) => i % lanes == n).ToList(), cancellationToken)));
            pending = files.Where(f => IsTransient(_outcome[f])).ToList();
            if (pending.Count > 0 && attempt < retries) Interlocked.Add(ref _done, -pending.Count);
        }
        return new StoreReport(files, _outcome, clock.Elapsed, Interlocked.Read(ref _bytes));
    }

    private async Task SendLaneAsync(List<DicomFile> lane, CancellationToken cancellationToken)
    {
        DicomClient? client = null;
        try
        {
            var laneOptions = StoreConversion.Propose(
                new DicomClientOptions
                {
                    CallingAETitle = options.CallingAETitle, Association = options.Association, UserIdentity = options.UserIdentity,
                    Transcoder = DicomTranscoder.Default,
                }, lane, decompress);
            client = await DicomClient.ConnectAsync(peer, laneOptions, cancellationToken);
            foreach (var file in lane)
            {
                try
                {
                    var response = (CStoreResponse)await client.SendAndWaitAsync(new CStoreRequest(file), cancellationToken);
                    _outcome[file] = (response.Status, response.ErrorComment ?? "");
                    if (StoreReport.CountsAsStored(response.Status)) Interlocked.Add(ref _bytes, FileLength(file));
                }
                catch (Exception e) when (e is InvalidOperationException or Hounsfield.Dicom.Codecs.DicomCodecException)
                {
                    _outcome[file] = (null, e.Message);
                }
                Interlocked.Increment(ref _done);
            }
            await client.ReleaseAsync(cancellationToken);
        }
        catch (Exception e) when (e is DicomNetworkException or AssociationRejectedException or IOException)
        {
            foreach (var file in lane.Where(f => !_outcome.ContainsKey(f) || IsTransient(_outcome[f])))
            {
                _outcome[file] = (null, "association failed: " + e.Message);
                Interlocked.Increment(ref _done);
            }
        }
        finally
        {
            if (client is not null) await client.DisposeAsync();
        }
    }

    private static long FileLength(DicomFile file) => file.SourcePath is { } p ? new FileInfo(p).Length : 0;

    // Failed or lost associations and out-of-resources refusals may succeed on another try; content failures will not.
    private static bool IsTransient((DimseStatus? Status, string Detail) outcome) =>
        outcome.Status is null && outcome.Detail.StartsWith("association failed", StringComparison.Ordinal)
        || outcome.Status is { Code: >= 0xA700 and <= 0xA7FF };
}

/// <summary>The result of a store run: counts by status and the files that were not stored, each with its reason.</summary>
internal sealed class StoreReport(List<DicomFile> files, IReadOnlyDictionary<DicomFile, (DimseStatus? Status, string Detail)> outcome, TimeSpan elapsed, long bytes)
{
    /// <summary>Success, and the warnings B000H, B006H, B007H: the instance is stored (MedDream's rule).</summary>
    public static bool CountsAsStored(DimseStatus status) => status.IsSuccess || status.Code is 0xB000 or 0xB006 or 0xB007;

    public List<(DicomFile File, string Reason)> Failed { get; } = files
        .Where(f => !outcome.TryGetValue(f, out var o) || o.Status is not { } s || !CountsAsStored(s))
        .Select(f => (f, outcome.TryGetValue(f, out var o) ? Describe(o) : "not sent"))
        .ToList();

    public void Print(TextWriter output)
    {
        var stored = files.Count - Failed.Count;
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        output.WriteLine($"Stored {stored} of {files.Count} file(s) in {elapsed.TotalSeconds:0.00} s: {stored / seconds:0.0} files/s, {bytes / seconds / 1e6:0.0} MB/s");
        foreach (var group in outcome.Values.Where(o => o.Status is not null).GroupBy(o => o.Status!.Value).OrderBy(g => g.Key.Code))
            output.WriteLine($"  {group.Key}: {group.Count()}");
        foreach (var (file, reason) in Failed) output.WriteLine($"  not stored: {file.SourcePath}: {reason}");
    }

    private static string Describe((DimseStatus? Status, string Detail) o) =>
        o.Status is { } s ? $"{s}{(o.Detail.Length > 0 ? " " + o.Detail : "")}" : o.Detail;
}

/// <summary>A one-line progress display on a terminal (nothing when output is redirected).</summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly Timer? _timer;
    private readonly int _total;
    private readonly Func<(int Done, long Bytes)> _read;
    private readonly Stopwatch _clock;

    public ProgressLine(int total, Func<(int Done, long Bytes)> read, Stopwatch clock)
    {
        _total = total;
        _read = read;
        _clock = clock;
        if (!Console.IsErrorRedirected) _timer = new Timer(_ => Draw(), null, 200, 200);
    }

    private void Draw()
    {
        var (done, bytes) = _read();
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var width = 30;
        var filled = _total == 0 ? width : done * width / _total;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{_total} files, {done / seconds:0.0} files/s, {bytes / seconds / 1e6:0.0} MB/s ");
    }

    public void Dispose()
    {
        if (_timer is null) return;
        _timer.Dispose();
        Draw();
        Console.Error.WriteLine();
    }
}
