using Hounsfield.Archive.Mpps;

namespace Hounsfield.Archive.Routing;

/// <summary>
/// Relays every committed MPPS change to <see cref="RoutingOptions.MppsDestinations"/> through the
/// queue: an N-CREATE with the received SOP Instance UID and attribute list, an N-SET with the
/// modification list. Register it among the MPPS SCP's observers.
/// </summary>
public sealed class MppsForwarding(MppsRelay relay) : IPerformedProcedureStepObserver
{
    /// <inheritdoc/>
    public Task OnChangedAsync(PerformedProcedureStepChange change, CancellationToken cancellationToken)
    {
        relay.Enqueue(change.SopInstanceUid, change.IsCreate, change.Attributes);
        return Task.CompletedTask;
    }
}
