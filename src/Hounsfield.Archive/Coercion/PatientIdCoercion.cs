using Hounsfield.Archive.Index;
using Hounsfield.Archive.Query;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Coercion;

/// <summary>
/// Philips' Patient ID rules (Interventional Workstation conformance statement, "Coerced/Modified
/// fields"): an empty ID is generated, and an ID already stored for another patient (other name or
/// birth date) is made unique with "!" and a UID, the original kept in Other Patient IDs. The index
/// is asked what is already stored; every instance of a study keeps the ID its study was given.
/// </summary>
internal sealed class PatientIdCoercion(IArchiveIndex index, CoercionOptions options)
{
    private const int MaxLength = 64; // LO

    /// <summary>Applies the rules to <paramref name="dataset"/>; returns what was changed, or null.</summary>
    public async Task<string?> ApplyAsync(DicomDataset dataset, CancellationToken cancellationToken)
    {
        if (!options.GeneratePatientId && !options.ResolvePatientIdCollisions) return null;
        var id = dataset.GetString(DicomTag.PatientID)?.Trim() ?? "";
        var name = dataset.GetString(DicomTag.PatientName)?.Trim() ?? "";
        var birth = dataset.GetString(DicomTag.PatientBirthDate)?.Trim() ?? "";
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

    // Null when the ID is free or stored for the same name and birth date; otherwise the ID to use:
    // one made earlier for this patient ("<ID>!…" with the same name and birth date), or a new one.
    private async Task<string?> ResolveAsync(string id, string name, string birth, CancellationToken cancellationToken)
    {
        var stored = await PatientsAsync(id, exact: true, cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0 || stored.Any(p => Same(p, name, birth))) return null;
        if (!id.Contains('*') && !id.Contains('?'))
        {
            var earlier = await PatientsAsync(id + "!*", exact: false, cancellationToken).ConfigureAwait(false);
            if (earlier.FirstOrDefault(p => Same(p, name, birth)) is { } same) return same.GetString(DicomTag.PatientID)!.Trim();
        }
        return Cut($"{id}!{DicomUid.Generate().Value}");
    }

    private static bool Same(DicomDataset patient, string name, string birth) =>
        (patient.GetString(DicomTag.PatientName)?.Trim() ?? "") == name && (patient.GetString(DicomTag.PatientBirthDate)?.Trim() ?? "") == birth;

    private async Task<List<DicomDataset>> PatientsAsync(string id, bool exact, CancellationToken cancellationToken)
    {
        var keys = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "PATIENT").Set(DicomTag.PatientID, id)
            .SetEmpty(DicomTag.PatientName).SetEmpty(DicomTag.PatientBirthDate);
        var found = new List<DicomDataset>();
        await foreach (var patient in index.FindAsync(DicomQuery.Parse(QueryModel.PatientRoot, keys), new QueryOptions(), cancellationToken).ConfigureAwait(false))
        {
            if (!exact || patient.GetString(DicomTag.PatientID)?.Trim() == id) found.Add(patient);
        }
        return found;
    }

    private async Task<string?> StudyPatientIdAsync(string studyUid, CancellationToken cancellationToken)
    {
        var keys = new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "STUDY").Set(DicomTag.StudyInstanceUID, studyUid).SetEmpty(DicomTag.PatientID);
        await foreach (var study in index.FindAsync(DicomQuery.Parse(QueryModel.StudyRoot, keys), new QueryOptions(), cancellationToken).ConfigureAwait(false))
            return study.GetString(DicomTag.PatientID)?.Trim() ?? "";
        return null;
    }

    private static string Cut(string id) => id.Length <= MaxLength ? id : id[..MaxLength];
}
