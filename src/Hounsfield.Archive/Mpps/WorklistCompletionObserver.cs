namespace Hounsfield.Archive.Mpps;

/// <summary>
/// The hook that completes worklist items when their procedure step ends: for each change that
/// leaves a step COMPLETED or DISCONTINUED, calls <c>completeWorklistItems</c> with the whole stored
/// step — its Scheduled Step Attributes Sequence names the scheduled steps (Study Instance UID,
/// Accession Number, Requested Procedure ID, Scheduled Procedure Step ID) that were performed.
/// Register it on <see cref="ModalityPerformedProcedureStepScp.Observers"/> with the worklist's completion method.
/// </summary>
public sealed class WorklistCompletionObserver(PerformedProcedureStepStore store, Func<PerformedProcedureStep, CancellationToken, Task> completeWorklistItems)
    : IPerformedProcedureStepObserver
{
    /// <inheritdoc/>
    public Task OnChangedAsync(PerformedProcedureStepChange change, CancellationToken cancellationToken) =>
        PerformedProcedureStepStatus.IsFinal(change.Status) && store.Find(change.SopInstanceUid) is { } step
            ? completeWorklistItems(step, cancellationToken)
            : Task.CompletedTask;
}
