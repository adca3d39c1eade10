namespace Hounsfield.Archive.Services;

/// <summary>
/// Told by the Storage SCP about every instance it accepted, before the C-STORE is answered, so
/// whatever the observer records durably is in place when the sender hears success.
/// </summary>
public interface IStoredInstanceObserver
{
    /// <summary>Called once per accepted C-STORE (new, replaced or kept duplicate); a throw fails the C-STORE with 0110H.</summary>
    Task OnStoredAsync(StoredInstanceEvent stored, CancellationToken cancellationToken);
}
