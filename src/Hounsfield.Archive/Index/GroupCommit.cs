namespace Hounsfield.Archive.Index;

/// <summary>
/// Group commit without a writer thread: the first caller to find no batch being written becomes
/// the leader and writes the waiting items as one batch, its own among them, on its own thread;
/// callers arriving meanwhile wait for the leader's next batch. A lone writer (one association)
/// so pays no hand-off to another thread and back, and concurrent writers still share commits.
/// The batch writer must not throw: it fails the items of a batch it could not write instead.
/// </summary>
internal sealed class GroupCommit<T>(Func<List<T>, Task> writeBatch, int maxBatch)
{
    private readonly object _gate = new();
    private readonly List<T> _waiting = [];
    private bool _leading;
    private bool _closed;
    private TaskCompletionSource? _idle;

    /// <summary>Queues <paramref name="item"/>; true when the caller is now the leader and must call <see cref="LeadAsync"/>.</summary>
    /// <exception cref="ObjectDisposedException">After <see cref="CloseAsync"/>.</exception>
    public bool Add(T item)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _waiting.Add(item);
            if (_leading) return false;
            _leading = true;
            return true;
        }
    }

    /// <summary>
    /// Writes batches until <paramref name="own"/> (completed by the batch holding the leader's item)
    /// is done; items that arrived meanwhile get a leader of their own on the thread pool.
    /// </summary>
    public async Task LeadAsync(Task own)
    {
        while (!own.IsCompleted && Take() is { } batch) await writeBatch(batch).ConfigureAwait(false);
        if (KeepLeading()) _ = Task.Run(DrainAsync);
    }

    /// <summary>Refuses new items; completes once the batch being written, if any, and those waiting are written.</summary>
    public Task CloseAsync()
    {
        lock (_gate)
        {
            _closed = true;
            if (!_leading) return Task.CompletedTask;
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    private async Task DrainAsync()
    {
        do
        {
            while (Take() is { } batch) await writeBatch(batch).ConfigureAwait(false);
        }
        while (KeepLeading());
    }

    private List<T>? Take()
    {
        lock (_gate)
        {
            if (_waiting.Count == 0) return null;
            var n = Math.Min(maxBatch, _waiting.Count);
            var batch = _waiting.GetRange(0, n);
            _waiting.RemoveRange(0, n);
            return batch;
        }
    }

    // True while items wait (the caller goes on leading); otherwise leadership ends.
    private bool KeepLeading()
    {
        lock (_gate)
        {
            if (_waiting.Count > 0) return true;
            _leading = false;
            _idle?.TrySetResult();
            return false;
        }
    }
}
