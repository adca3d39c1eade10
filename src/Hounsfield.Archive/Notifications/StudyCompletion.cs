using Hounsfield.Archive.Index;
using Hounsfield.Archive.Routing;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Notifications;

/// <summary>
/// The Data-Router's "whole study arrived": a periodic scan finds studies quiet for
/// <see cref="RoutingOptions.StudyQuietTime"/> and queues an Instance Availability Notification and/or
/// a Basic Study Content Notification for each subscriber. The notifications are queued before the
/// study is marked notified, so a crash in between repeats them (at least once).
/// </summary>
public sealed class StudyCompletion(StudyActivity activity, OutboundQueue queue, IArchiveIndex index, RoutingOptions options, string aeTitle, Action<string>? log = null)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Starts the periodic scan in the background.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Queues the notifications of every study quiet now; returns how many studies were notified.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var notified = 0;
        foreach (var (study, lastReceived) in activity.Quiet(options.StudyQuietTime))
        {
            var content = await StudyContent.LoadAsync(index, study, cancellationToken).ConfigureAwait(false);
            if (content is not null)
            {
                queue.Enqueue(Messages(content));
                log?.Invoke($"study {study} complete ({content.InstanceCount} instance(s)): notifications queued");
                notified++;
            }
            activity.MarkNotified(study, lastReceived);
        }
        return notified;
    }

    private IEnumerable<OutboundMessage> Messages(StudyContent content)
    {
        if (options.InstanceAvailabilitySubscribers.Count > 0)
        {
            // One notification SOP instance per study completion, the same for every subscriber.
            var uid = DicomUid.Generate().Value;
            var payload = OutboundMessage.Encode(InstanceAvailabilityNotification.Create(content, aeTitle));
            foreach (var subscriber in options.InstanceAvailabilitySubscribers.Distinct(StringComparer.Ordinal))
                yield return new OutboundMessage(subscriber, OutboundJobKind.InstanceAvailability, uid, Payload: payload);
        }
        if (options.StudyContentSubscribers.Count > 0)
        {
            var uid = DicomUid.Generate().Value;
            var payload = OutboundMessage.Encode(BasicStudyContentNotification.Create(content, uid, aeTitle));
            foreach (var subscriber in options.StudyContentSubscribers.Distinct(StringComparer.Ordinal))
                yield return new OutboundMessage(subscriber, OutboundJobKind.StudyContent, uid, Payload: payload);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(options.StudyScanInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The loop outlives any one failure (database busy, disk, a bad row): logged, tried again later.
                log?.Invoke($"study completion scan: {e.Message}");
                await Task.Delay(options.StudyScanInterval, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the scan.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
