using System.Runtime.CompilerServices;
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
    private readonly Dictionary<string, int> _associations = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<Association, HashSet<string>> _studies = new();
    private readonly Lock _lock = new();

    /// <summary>How many studies are listed.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _associations.Count;
        }
    }

    /// <summary>Lists <paramref name="studyInstanceUid"/> until <paramref name="association"/> closes.</summary>
    public void Add(Association association, string studyInstanceUid)
    {
        if (association.Closed.IsCompleted) return;
        lock (_lock)
        {
            if (!_studies.TryGetValue(association, out var studies))
            {
                studies = [];
                _studies.Add(association, studies);
                association.Closed.ContinueWith(_ => Remove(association), TaskScheduler.Default);
            }
            if (studies.Add(studyInstanceUid)) _associations[studyInstanceUid] = _associations.GetValueOrDefault(studyInstanceUid) + 1;
        }
    }

    /// <summary>Whether an open association has stored into the study.</summary>
    public bool Contains(string studyInstanceUid)
    {
        lock (_lock) return _associations.ContainsKey(studyInstanceUid);
    }

    private void Remove(Association association)
    {
        lock (_lock)
        {
            if (!_studies.TryGetValue(association, out var studies)) return;
            _studies.Remove(association);
            foreach (var study in studies)
            {
                if (--_associations[study] == 0) _associations.Remove(study);
            }
        }
    }
}
