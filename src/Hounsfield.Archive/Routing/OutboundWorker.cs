namespace Hounsfield.Archive.Routing;

/// <summary>
/// Drains the outbound queue: at start, jobs a stopped process left in flight become pending again;
/// then each destination with due jobs gets one association at a time carrying up to
/// <see cref="RoutingOptions.BatchSize"/> jobs, destinations in parallel.
/// </summary>
public sealed class OutboundWorker : IAsyncDisposable
{
    private readonly OutboundQueue _queue;
    private readonly OutboundSender _sender;
    private readonly RoutingOptions _options;
    private readonly Action<string>? _log;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private Task? _loop;
    private DateTime _nextPurge;

    /// <summary>A worker over <paramref name="queue"/>; call <see cref="Start"/>.</summary>
    public OutboundWorker(OutboundQueue queue, OutboundSender sender, RoutingOptions options, Action<string>? log = null)
    {
        _queue = queue;
        _sender = sender;
        _options = options;
        _log = log;
        queue.Changed += Wake;
    }

    /// <summary>Recovers jobs left in flight and starts sending in the background.</summary>
    public void Start()
    {
        if (_loop is not null) return;
        var recovered = _queue.RecoverInFlight();
        if (recovered > 0) _log?.Invoke($"queue: {recovered} job(s) left in flight by the last run are pending again");
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Makes the worker look at the queue now.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Purge();
                foreach (var destination in _queue.DueDestinations())
                {
                    lock (_busy)
                    {
                        if (!_busy.Add(destination)) continue;
                        _running.RemoveAll(t => t.IsCompleted);
                        _running.Add(Task.Run(() => DrainAsync(destination, cancellationToken), CancellationToken.None));
                    }
                }
                await _wake.WaitAsync(_options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The loop outlives any one failure (database busy, disk, a bad row): logged, tried again later.
                _log?.Invoke($"queue: {e.Message}");
                await Task.Delay(_options.PollInterval, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    // Done jobs are history; kept for DoneRetention so the queue view shows recent deliveries.
    private void Purge()
    {
        if (_options.DoneRetention <= TimeSpan.Zero || DateTime.UtcNow < _nextPurge) return;
        _nextPurge = DateTime.UtcNow.AddMinutes(10);
        var removed = _queue.PurgeDone(_options.DoneRetention);
        if (removed > 0) _log?.Invoke($"queue: removed {removed} done job(s) older than {_options.DoneRetention}");
    }

    private async Task DrainAsync(string destination, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var jobs = _queue.Claim(destination, _options.BatchSize);
                if (jobs.Count == 0) break;
                await _sender.SendAsync(destination, jobs, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: whatever is in flight is recovered at the next start.
        }
        catch (Exception e)
        {
            _log?.Invoke($"queue: sending to {destination} stopped: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            lock (_busy) _busy.Remove(destination);
        }
    }

    /// <summary>Stops sending; jobs in flight stay so and are resent after the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Changed -= Wake;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        Task[] running;
        lock (_busy) running = [.. _running];
        await Task.WhenAll(running).ConfigureAwait(false);
        _stop.Dispose();
        _wake.Dispose();
    }
}
