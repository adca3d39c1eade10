namespace Hounsfield.Archive.Mpps;

/// <summary>
/// Told of every Modality Performed Procedure Step change once it is committed, before the SCU
/// gets its success response (a relay that persists its own queue therefore loses nothing).
/// A failing observer is logged; it does not undo the change.
/// </summary>
public interface IPerformedProcedureStepObserver
{
    /// <summary>Called after a committed N-CREATE or N-SET.</summary>
    Task OnChangedAsync(PerformedProcedureStepChange change, CancellationToken cancellationToken);
}
