using Hounsfield.Archive.Index;
using Hounsfield.Archive.Query;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Coercion;

/// <summary>
/// Philips' Patient ID rules (Interventional Workstation conformance statement, "Coerced/Modified
/// fields"): an empty ID is generated, and an ID already stored for another patient (other name or
/// birth date) is made unique with "!" and a UID, the original kept in Other Patient IDs. Every
/// instance of a study keeps the ID its study was given. Decisions are taken one at a time against
/// the index and the instances decided but not yet indexed, so concurrent associations agree.
/// </summary>
internal sealed class PatientIdCoercion(IArchiveIndex index, CoercionOptions options)
{
    private const int MaxLength = 64; // LO

    private readonly SemaphoreSlim _decide = new(1, 1);
    private readonly List<Decided> _pending = [];

    /// <summary>An instance decided and not yet indexed: its study, patient and the ID it got.</summary>
    private sealed record Decided(string Study, string Name, string Birth, string PatientId);

    /// <summary>
    /// Applies the rules to <paramref name="dataset"/>: what was changed (or null), and what to call
    /// once the instance is indexed (null when the rules are off).
    /// </summary>
    public async Task<(string? Change, Action? Release)> ApplyAsync(DicomDataset dataset, CancellationToken cancellationToken)
    {
        if (!options.GeneratePatientId && !options.ResolvePatientIdCollisions) return (null, null);
        await _decide.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var change = await DecideAsync(dataset, cancellationToken).ConfigureAwait(false);
            var decided = new Decided(dataset.GetString(DicomTag.StudyInstanceUID)!, Text(dataset, DicomTag.PatientName),
                Text(dataset, DicomTag.PatientBirthDate), Text(dataset, DicomTag.PatientID));
            lock (_pending) _pending.Add(decided);
            return (change, () =>
            {
                lock (_pending) _pending.Remove(decided);
            });
        }
        finally
        {
            _decide.Release();
        }
    }

    private async Task<string?> DecideAsync(DicomDataset dataset, CancellationToken cancellationToken)
    {
        var id = Text(dataset, DicomTag.PatientID);
        var name = Text(dataset, DicomTag.PatientName);
        var birth = Text(dataset, DicomTag.PatientBirthDate);
        var study = await StudyPatientIdAsync(dataset.GetString(DicomTag.StudyInstanceUID)!, cancellationToken).ConfigureAwait(false);
        if (id.Length == 0)
        {
            if (!options.GeneratePatientId) return null;
            var generated = study is { Length: > 0 } ? study
                : name.Length == 0 || birth.Length == 0 ? DicomUid.Generate().Value
                : Cut($"EMPTYPatientID_{name}_{birth}");
            dataset.Set(DicomTag.PatientID, generated);
            return $"Patient ID was empty, set to {generated}";
        }
        if (!options.ResolvePatientIdCollisions || study == id) return null;
        var unique = study is not null && study.StartsWith(id + "!", StringComparison.Ordinal) ? study
            : await ResolveAsync(id, name, birth, cancellationToken).ConfigureAwait(false);
        if (unique is null) return null;
        dataset.Set(DicomTag.PatientID, unique);
        var others = dataset.GetStrings(DicomTag.OtherPatientIDs);
        if (!others.Contains(id)) dataset.Set(DicomTag.OtherPatientIDs, [.. others, id]);
        return $"Patient ID {id} belongs to another patient, set to {unique}";
    }

    // Null when the ID is free or held by the same name and birth date; otherwise the ID to use:
    // one made earlier for this patient ("<ID>!…" with the same name and birth date), or a new one.
    private async Task<string?> ResolveAsync(string id, string name, string birth, CancellationToken cancellationToken)
    {
        var holders = await PatientsAsync(id, cancellationToken).ConfigureAwait(false);
        if (holders.Count == 0 || holders.Any(p => p.Name == name && p.Birth == birth)) return null;
        if (!id.Contains('*') && !id.Contains('?'))
        {
            var earlier = await PatientsAsync(id + "!*", cancellationToken).ConfigureAwait(false);
            if (earlier.Where(p => p.Name == name && p.Birth == birth).Select(p => p.Id).FirstOrDefault() is { } same) return same;
        }
        return Cut($"{id}!{DicomUid.Generate().Value}");
    }

    // Patients holding an ID (a pattern ending in '*' also matches longer IDs), indexed or pending.
    private async Task<List<(string Id, string Name, string Birth)>> PatientsAsync(string pattern, CancellationToken cancellationToken)
    {
        var prefix = pattern.EndsWith('*') ? pattern[..^1] : null;
        bool Matches(string id) => prefix is null ? id == pattern : id.StartsWith(prefix, StringComparison.Ordinal);
        var found = new List<(string, string, string)>();
        lock (_pending) found.AddRange(_pending.Where(d => Matches(d.PatientId)).Select(d => (d.PatientId, d.Name, d.Birth)));
        var keys = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "PATIENT").Set(DicomTag.PatientID, pattern)
            .SetEmpty(DicomTag.PatientName).SetEmpty(DicomTag.PatientBirthDate);
        await foreach (var patient in index.FindAsync(DicomQuery.Parse(QueryModel.PatientRoot, keys), new QueryOptions(), cancellationToken).ConfigureAwait(false))
        {
            var id = Text(patient, DicomTag.PatientID);
            if (Matches(id)) found.Add((id, Text(patient, DicomTag.PatientName), Text(patient, DicomTag.PatientBirthDate)));
        }
        return found;
    }

    // The Patient ID a study already has, from an instance pending or indexed; null for a new study.
    private async Task<string?> StudyPatientIdAsync(string studyUid, CancellationToken cancellationToken)
    {
        lock (_pending)
        {
            if (_pending.FirstOrDefault(d => d.Study == studyUid) is { } pending) return pending.PatientId;
        }
        var keys = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, studyUid).SetEmpty(DicomTag.PatientID);
        await foreach (var study in index.FindAsync(DicomQuery.Parse(QueryModel.StudyRoot, keys), new QueryOptions(), cancellationToken).ConfigureAwait(false))
            return Text(study, DicomTag.PatientID);
        return null;
    }

    private static string Text(DicomDataset dataset, DicomTag tag) => dataset.GetString(tag)?.Trim() ?? "";

    private static string Cut(string id) => id.Length <= MaxLength ? id : id[..MaxLength];
}
