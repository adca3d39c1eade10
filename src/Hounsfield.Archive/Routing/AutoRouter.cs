using Hounsfield.Archive.Index;
using Hounsfield.Archive.Services;

namespace Hounsfield.Archive.Routing;

/// <summary>
/// Queues each accepted instance for the destinations of every matching <see cref="RoutingRule"/>,
/// before the C-STORE is answered: a sender that heard success never loses the route. A kept
/// duplicate is queued only where no job for it exists yet, which covers a crash between the
/// index commit and the queue commit (the sender, unanswered, sends again); a replaced instance is
/// queued again.
/// </summary>
public sealed class AutoRouter(OutboundQueue queue, RoutingOptions options, Action<string>? log = null) : IStoredInstanceObserver
{
    /// <inheritdoc/>
    public Task OnStoredAsync(StoredInstanceEvent stored, CancellationToken cancellationToken)
    {
        var messages = new List<OutboundMessage>();
        foreach (var rule in options.Rules)
        {
            if (!rule.Matches(stored.CallingAETitle, stored.CalledAETitle, stored.Attributes)) continue;
            foreach (var destination in rule.Destinations)
            {
                if (messages.Any(m => m.Destination == destination)) continue;
                if (stored.Outcome == IndexOutcomeKind.DuplicateKept && queue.Contains(destination, OutboundJobKind.Store, stored.Record.SopInstanceUid)) continue;
                messages.Add(new OutboundMessage(destination, OutboundJobKind.Store, stored.Record.SopInstanceUid, rule.TransferSyntax));
            }
        }
        if (messages.Count > 0)
        {
            queue.Enqueue(messages);
            log?.Invoke($"route: {stored.Record.SopInstanceUid} queued for {string.Join(", ", messages.Select(m => m.Destination))}");
        }
        return Task.CompletedTask;
    }
}
