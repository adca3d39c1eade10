using Hounsfield.Dicom.Network;

namespace Hounsfield.Archive.Storage;

/// <summary>
/// The studies that open associations have stored into, so that <see cref="AutoDelete"/> never
/// deletes a study while its sender may still be adding to it, however slowly it sends. A study
/// stays listed until every association that stored into it has closed. This process only: a
/// server sharing the index is covered by <see cref="AutoDeleteOptions.StoringGrace"/>.
/// </summary>
public sealed class StudiesBeingStored
{
    // Each open association that stored something, with its studies; removed when it closes.
    private readonly Dictionary<Association, HashSet<string>> _byAssociation = [];
    private readonly Lock _lock = new();

    /// <summary>How many studies are listed.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _byAssociation.Values.SelectMany(s => s).Distinct(StringComparer.Ordinal).Count();
        }
    }

    /// <summary>Lists <paramref name="studyInstanceUid"/> until <paramref name="association"/> closes.</summary>
    public void Add(Association association, string studyInstanceUid)
    {
        lock (_lock)
        {
            if (!_byAssociation.TryGetValue(association, out var studies))
            {
                _byAssociation[association] = studies = new HashSet<string>(StringComparer.Ordinal);
                // Runs at once when already closed; it waits for this lock, so it removes what is added here.
                association.Closed.ContinueWith(_ => Remove(association), TaskScheduler.Default);
            }
            studies.Add(studyInstanceUid);
        }
    }

    /// <summary>Whether an open association has stored into the study.</summary>
    public bool Contains(string studyInstanceUid)
    {
        lock (_lock) return _byAssociation.Values.Any(s => s.Contains(studyInstanceUid));
    }

    private void Remove(Association association)
    {
        lock (_lock) _byAssociation.Remove(association);
    }
}
