using Hounsfield.Archive.Index;

namespace Hounsfield.Archive.Storage;

/// <summary>
/// Frees online storage (see <see cref="AutoDeleteOptions"/>): when free space is in the red zone,
/// deletes least recently used studies, index rows first (committed) then files, until free space
/// is in the green zone. Studies stored into recently, or by an association still open, are kept.
/// </summary>
/// <param name="storage">The storage area the files are in.</param>
/// <param name="index">The index (possibly shared with other servers).</param>
/// <param name="options">Thresholds and schedule.</param>
/// <param name="freeSpace">Free and total bytes of the storage volume (the real volume when null).</param>
/// <param name="log">Where each deletion is logged.</param>
/// <param name="beingStored">Studies open associations store into (the Storage SCP's), never deleted.</param>
public sealed class AutoDelete(StorageArea storage, IArchiveIndex index, AutoDeleteOptions options,
    Func<(long Free, long Total)>? freeSpace = null, Action<string>? log = null, StudiesBeingStored? beingStored = null) : IAsyncDisposable
{
    private const int CandidatesPerQuery = 16;
    private readonly Func<(long Free, long Total)> _freeSpace = freeSpace ?? (() => (storage.AvailableFreeSpace, storage.TotalSpace));
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Checks free space every <see cref="AutoDeleteOptions.Interval"/> until disposed.</summary>
    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>One check: deletes studies if free space is in the red zone, and returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var (free, total) = _freeSpace();
        var red = AutoDeleteOptions.Bytes(options.RedZone, total);
        var green = AutoDeleteOptions.Bytes(options.GreenZone, total);
        if (free > red) return 0;
        log?.Invoke($"auto delete: {free} bytes free, red zone {red}: deleting least recently used studies until {green} are free");
        var deleted = 0;
        while (free < green)
        {
            var storedBefore = DateTimeOffset.UtcNow - options.StoringGrace;
            // Enough candidates that the open associations' studies cannot fill the whole list.
            var candidates = (await index.LeastRecentlyUsedStudiesAsync(CandidatesPerQuery + (beingStored?.Count ?? 0), storedBefore, cancellationToken)
                .ConfigureAwait(false)).Where(s => beingStored?.Contains(s.StudyInstanceUid) != true).ToList();
            var deletedNow = 0;
            foreach (var study in candidates)
            {
                if (!await DeleteAsync(study, storedBefore, cancellationToken).ConfigureAwait(false)) continue;
                deletedNow++;
                free = _freeSpace().Free;
                if (free >= green) break;
            }
            if (deletedNow == 0)
            {
                log?.Invoke($"auto delete: {free} bytes free, no study may be deleted (every remaining one was stored into within {options.StoringGrace} or by an open association)");
                break;
            }
            deleted += deletedNow;
        }
        return deleted;
    }

    /// <summary>Stops the periodic check.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    // False when the study was stored into since it was chosen, or deleted by another server.
    private async Task<bool> DeleteAsync(StudyUsage study, DateTimeOffset storedBefore, CancellationToken cancellationToken)
    {
        var paths = await index.DeleteStudyAsync(study.StudyInstanceUid, storedBefore, cancellationToken).ConfigureAwait(false);
        if (paths.Count == 0) return false;
        var missing = 0;
        foreach (var path in paths)
        {
            try
            {
                storage.Delete(path);
            }
            catch (IOException)
            {
                missing++;
            }
        }
        log?.Invoke($"auto delete: study {study.StudyInstanceUid} (patient {study.PatientId}, last access {study.LastAccess:u}): {paths.Count} instances, {study.Size} bytes"
            + (missing > 0 ? $", {missing} files could not be deleted" : ""));
        return true;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(options.Interval);
        do
        {
            try
            {
                await RunOnceAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log?.Invoke($"auto delete failed: {e.Message}");
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
    }
}
