using Hounsfield.Dicom;

namespace Hounsfield.Archive.Routing;

/// <summary>
/// The Data-Router settings: auto-routing rules, study-completion notification subscribers, MPPS
/// forwarding destinations, and how the outbound queue retries. Every destination is an AE title
/// of <see cref="ArchiveOptions.Peers"/>.
/// </summary>
public sealed class RoutingOptions
{
    /// <summary>Rules applied to every newly stored instance; each matching rule queues the instance for its destinations.</summary>
    public List<RoutingRule> Rules { get; set; } = [];

    /// <summary>Transfer syntax UID to send in, per destination AE title, when a rule names none (default: each instance's stored syntax).</summary>
    public Dictionary<string, string> TransferSyntaxes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>AE titles sent an Instance Availability Notification (N-CREATE) when a study completes.</summary>
    public List<string> InstanceAvailabilitySubscribers { get; set; } = [];

    /// <summary>AE titles sent a Basic Study Content Notification (C-STORE) when a study completes.</summary>
    public List<string> StudyContentSubscribers { get; set; } = [];

    /// <summary>A study is complete when nothing new has arrived for it during this time (default 5 minutes).</summary>
    public TimeSpan StudyQuietTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often quiet studies are looked for (default 10 seconds).</summary>
    public TimeSpan StudyScanInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where MPPS N-CREATE and N-SET received from modalities are forwarded (at most two: order filler and report manager).</summary>
    public List<string> MppsDestinations { get; set; } = [];

    /// <summary>Attempts per job before it is marked failed (default 10).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay after the first failed attempt; each further failure doubles it (default 5 seconds).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between attempts (default 10 minutes).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Jobs sent on one association at most (default 50).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Done jobs older than this are removed by the worker (default 7 days; zero keeps them).</summary>
    public TimeSpan DoneRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the queue is looked at when nothing wakes the worker (default 1 second).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks that every destination is a known peer, every condition parses and every transfer syntax is known.</summary>
    /// <exception cref="InvalidOperationException">The first problem found.</exception>
    public void Validate(IEnumerable<string> knownPeers)
    {
        var known = knownPeers.ToHashSet(StringComparer.Ordinal);
        if (MppsDestinations.Distinct().Count() > 2) throw new InvalidOperationException("routing: at most two MPPS destinations");
        foreach (var destination in Rules.SelectMany(r => r.Destinations).Concat(InstanceAvailabilitySubscribers).Concat(StudyContentSubscribers)
                     .Concat(MppsDestinations).Concat(TransferSyntaxes.Keys))
        {
            if (!known.Contains(destination)) throw new InvalidOperationException($"routing: destination '{destination}' is not a known peer (add it with --peer)");
        }
        foreach (var rule in Rules)
        {
            if (rule.Destinations.Count == 0) throw new InvalidOperationException($"routing: rule '{rule.Name}' has no destination");
            foreach (var condition in rule.Attributes)
            {
                try
                {
                    RoutingRule.ParseCondition(condition);
                }
                catch (Exception e) when (e is FormatException or ArgumentException)
                {
                    throw new InvalidOperationException($"routing: rule '{rule.Name}': {e.Message}", e);
                }
            }
        }
        foreach (var ts in Rules.Select(r => r.TransferSyntax).Concat(TransferSyntaxes.Values).OfType<string>())
        {
            if (DicomUid.Lookup(ts) is not { Type: DicomUidType.TransferSyntax })
                throw new InvalidOperationException($"routing: '{ts}' is not a transfer syntax UID");
        }
    }
}
