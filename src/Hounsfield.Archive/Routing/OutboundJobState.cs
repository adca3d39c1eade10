namespace Hounsfield.Archive.Routing;

/// <summary>Where an outbound job stands.</summary>
public enum OutboundJobState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,
    /// <summary>Being sent now; found at start-up, it becomes pending again.</summary>
    InFlight,
    /// <summary>The destination answered success or warning.</summary>
    Done,
    /// <summary>Every attempt failed; kept until retried or cleared.</summary>
    Failed,
}
