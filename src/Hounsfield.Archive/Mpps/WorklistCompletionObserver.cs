namespace Hounsfield.Archive.Mpps;

/// <summary>
/// The hook that completes worklist items when their procedure step ends: calls
/// <c>completeWorklistItems</c> for each change that leaves a step COMPLETED or DISCONTINUED, with
/// the change (its Scheduled Step Attributes are in the stored step; see <see cref="PerformedProcedureStepStore.Find(string)"/>).
/// Register on <see cref="ModalityPerformedProcedureStepScp.Observers"/> with the worklist's completion method.
/// </summary>
public sealed class WorklistCompletionObserver(Func<PerformedProcedureStepChange, CancellationToken, Task> completeWorklistItems) : IPerformedProcedureStepObserver
{
    /// <inheritdoc/>
    public Task OnChangedAsync(PerformedProcedureStepChange change, CancellationToken cancellationToken) =>
        PerformedProcedureStepStatus.IsFinal(change.Status) ? completeWorklistItems(change, cancellationToken) : Task.CompletedTask;
}
