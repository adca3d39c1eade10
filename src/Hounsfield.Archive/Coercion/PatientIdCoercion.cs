using Hounsfield.Archive.Index;
using Hounsfield.Archive.Query;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Coercion;

/// <summary>
/// Philips' Patient ID rules (Interventional Workstation conformance statement, "Coerced/Modified
/// fields"): an empty ID is generated, and an ID already stored for another patient (other name or
/// birth date) is made unique with "!" and a UID, the original kept in Other Patient IDs. Every
/// instance of a study keeps the ID its study was given. Each decision is recorded in the index
/// before the instance is stored, under unique keys (<see cref="IArchiveIndex.RecordStudyPatientIdAsync"/>,
/// <see cref="IArchiveIndex.ClaimPatientIdAsync"/>): a server that loses a race to another sharing the
/// index takes the winner's decision, so all agree.
/// </summary>
internal sealed class PatientIdCoercion(IArchiveIndex index, CoercionOptions options)
{
    private const int MaxLength = 64; // LO

    // A decision is retried when another server recorded a conflicting one meanwhile; the retry sees
    // it, so more than a couple of rounds means the index is inconsistent.
    private const int MaxRounds = 8;

    /// <summary>Applies the rules to <paramref name="dataset"/>: what was changed, or null.</summary>
    public async Task<string?> ApplyAsync(DicomDataset dataset, CancellationToken cancellationToken)
    {
        if (!options.GeneratePatientId && !options.ResolvePatientIdCollisions) return null;
        var studyUid = dataset.GetString(DicomTag.StudyInstanceUID)!;
        for (var round = 0; round < MaxRounds; round++)
        {
            var study = await index.StudyPatientIdAsync(studyUid, cancellationToken).ConfigureAwait(false);
            var (patientId, change) = await DecideAsync(dataset, study, cancellationToken).ConfigureAwait(false);
            // A new study's ID is recorded; when another server recorded one first, decide again knowing it.
            if (study is null && await index.RecordStudyPatientIdAsync(studyUid, patientId, cancellationToken).ConfigureAwait(false) != patientId) continue;
            if (change is null) return null;
            var original = Text(dataset, DicomTag.PatientID);
            dataset.Set(DicomTag.PatientID, patientId);
            if (original.Length > 0 && dataset.GetStrings(DicomTag.OtherPatientIDs) is var others && !others.Contains(original))
                dataset.Set(DicomTag.OtherPatientIDs, [.. others, original]);
            return change;
        }
        throw new InvalidOperationException($"no stable Patient ID decision for study {studyUid} after {MaxRounds} rounds");
    }

    // The ID the instance is to have, and the change to report (null when it keeps its own).
    private async Task<(string PatientId, string? Change)> DecideAsync(DicomDataset dataset, string? study, CancellationToken cancellationToken)
    {
        var id = Text(dataset, DicomTag.PatientID);
        var name = Text(dataset, DicomTag.PatientName);
        var birth = Text(dataset, DicomTag.PatientBirthDate);
        if (id.Length == 0)
        {
            if (!options.GeneratePatientId) return (id, null);
            var generated = study is { Length: > 0 } ? study
                : name.Length == 0 || birth.Length == 0 ? DicomUid.Generate().Value
                : Cut($"EMPTYPatientID_{name}_{birth}");
            return (generated, $"Patient ID was empty, set to {generated}");
        }
        if (!options.ResolvePatientIdCollisions || study == id) return (id, null);
        var unique = study is not null && study.StartsWith(id + "!", StringComparison.Ordinal) ? study
            : await ResolveAsync(new PatientIdClaim(id, id, name, birth), cancellationToken).ConfigureAwait(false);
        return unique == id ? (id, null) : (unique, $"Patient ID {id} belongs to another patient, set to {unique}");
    }

    // The ID this patient holds: the original when free or already theirs, else one made unique
    // earlier for them, else a new one. Each is claimed in the index, which answers with the
    // patient's recorded claim when another server made one first.
    private async Task<string> ResolveAsync(PatientIdClaim own, CancellationToken cancellationToken)
    {
        var holders = await PatientsAsync(own.OriginalId, cancellationToken).ConfigureAwait(false);
        if (holders.Count == 0 || holders.Any(own.IsSamePatient))
        {
            var claimed = await index.ClaimPatientIdAsync(own, cancellationToken).ConfigureAwait(false);
            if (claimed.IsSamePatient(own)) return claimed.PatientId;
        }
        var candidate = await EarlierIdAsync(own, cancellationToken).ConfigureAwait(false) ?? Cut($"{own.OriginalId}!{DicomUid.Generate().Value}");
        var recorded = await index.ClaimPatientIdAsync(own with { PatientId = candidate }, cancellationToken).ConfigureAwait(false);
        return recorded.IsSamePatient(own) ? recorded.PatientId : Cut($"{own.OriginalId}!{DicomUid.Generate().Value}");
    }

    // An ID made unique for this patient before the index recorded claims ("<ID>!…" with the same name and birth date).
    private async Task<string?> EarlierIdAsync(PatientIdClaim own, CancellationToken cancellationToken)
    {
        if (own.OriginalId.Contains('*') || own.OriginalId.Contains('?')) return null;
        var earlier = await PatientsAsync(own.OriginalId + "!*", cancellationToken).ConfigureAwait(false);
        return earlier.Where(own.IsSamePatient).Select(p => p.PatientId).FirstOrDefault();
    }

    // Indexed patients holding an ID (a pattern ending in '*' also matches longer IDs).
    private async Task<List<PatientIdClaim>> PatientsAsync(string pattern, CancellationToken cancellationToken)
    {
        var prefix = pattern.EndsWith('*') ? pattern[..^1] : null;
        var found = new List<PatientIdClaim>();
        var keys = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "PATIENT").Set(DicomTag.PatientID, pattern)
            .SetEmpty(DicomTag.PatientName).SetEmpty(DicomTag.PatientBirthDate);
        await foreach (var patient in index.FindAsync(DicomQuery.Parse(QueryModel.PatientRoot, keys), new QueryOptions(), cancellationToken).ConfigureAwait(false))
        {
            var id = Text(patient, DicomTag.PatientID);
            if (prefix is null ? id == pattern : id.StartsWith(prefix, StringComparison.Ordinal))
                found.Add(new PatientIdClaim(id, pattern, Text(patient, DicomTag.PatientName), Text(patient, DicomTag.PatientBirthDate)));
        }
        return found;
    }

    private static string Text(DicomDataset dataset, DicomTag tag) => dataset.GetString(tag)?.Trim() ?? "";

    private static string Cut(string id) => id.Length <= MaxLength ? id : id[..MaxLength];
}
