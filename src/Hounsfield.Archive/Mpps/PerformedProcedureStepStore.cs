using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom;
using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.Mpps;

/// <summary>
/// Modality Performed Procedure Steps in the workflow database: the whole attribute list as
/// Explicit VR Little Endian, plus the columns a listing filters on. N-SET is read, checked and
/// written in one immediate transaction, so two concurrent N-SETs cannot both pass the state check.
/// </summary>
public sealed class PerformedProcedureStepStore
{
    private const string Schema = """
        CREATE TABLE mpps (
            sop_instance_uid TEXT PRIMARY KEY,
            calling_aet TEXT NOT NULL,
            status TEXT NOT NULL,
            patient_id TEXT NOT NULL,
            patient_name TEXT NOT NULL,
            study_instance_uid TEXT NOT NULL,
            accession_number TEXT NOT NULL,
            modality TEXT NOT NULL,
            start_date TEXT NOT NULL,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            attributes BLOB NOT NULL);
        CREATE INDEX mpps_status ON mpps (status);
        CREATE INDEX mpps_study ON mpps (study_instance_uid);
        """;

    private readonly WorkflowDatabase _database;

    /// <summary>Uses <paramref name="database"/>, creating the table on first use.</summary>
    public PerformedProcedureStepStore(WorkflowDatabase database)
    {
        _database = database;
        database.Migrate("mpps-1", Schema);
    }

    /// <summary>Stores a new step; false when one with that SOP Instance UID exists (0111H).</summary>
    public bool TryCreate(string sopInstanceUid, string callingAETitle, DicomDataset attributes)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO mpps (sop_instance_uid, calling_aet, status, patient_id, patient_name, study_instance_uid,
                accession_number, modality, start_date, created, updated, attributes)
            VALUES ($uid, $aet, $status, $pid, $name, $study, $accession, $modality, $start, $now, $now, $attributes)
            """;
        command.Parameters.AddWithValue("$uid", sopInstanceUid);
        command.Parameters.AddWithValue("$aet", callingAETitle);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        AddColumns(command, attributes);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Applies an N-SET's <paramref name="modifications"/> to an IN PROGRESS step (each attribute
    /// replaces the stored one, a sequence with all its items) and commits.
    /// </summary>
    public (PerformedProcedureStepSetOutcome Outcome, PerformedProcedureStep? Step) TrySet(string sopInstanceUid, DicomDataset modifications)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var step = Find(connection, transaction, sopInstanceUid);
        if (step is null) return (PerformedProcedureStepSetOutcome.NoSuchInstance, null);
        if (step.Status != PerformedProcedureStepStatus.InProgress) return (PerformedProcedureStepSetOutcome.NoLongerUpdatable, step);
        var merged = step.Attributes;
        var storedCharset = merged.GetString(DicomTag.SpecificCharacterSet) ?? "";
        var newCharset = modifications.GetString(DicomTag.SpecificCharacterSet);
        // The default repertoire is a subset of every other, so a step without one may adopt the N-SET's.
        if (newCharset is not null && storedCharset.Length > 0 && newCharset != storedCharset)
            return (PerformedProcedureStepSetOutcome.CharacterSetConflict, step);
        foreach (var element in modifications) merged.CopyFrom(modifications, element.Tag);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE mpps SET status = $status, patient_id = $pid, patient_name = $name, study_instance_uid = $study,
                    accession_number = $accession, modality = $modality, start_date = $start, updated = $now, attributes = $attributes
                WHERE sop_instance_uid = $uid
                """;
            command.Parameters.AddWithValue("$uid", sopInstanceUid);
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            AddColumns(command, merged);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return (PerformedProcedureStepSetOutcome.Updated, Find(connection, null, sopInstanceUid));
    }

    /// <summary>The step with <paramref name="sopInstanceUid"/>, or null.</summary>
    public PerformedProcedureStep? Find(string sopInstanceUid)
    {
        using var connection = _database.Open();
        return Find(connection, null, sopInstanceUid);
    }

    /// <summary>Stored steps, newest first, optionally only those with <paramref name="status"/>.</summary>
    public IReadOnlyList<PerformedProcedureStep> List(string? status = null, int limit = 1000)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM mpps {(status is null ? "" : "WHERE status = $status")} ORDER BY created DESC, sop_instance_uid LIMIT $limit";
        if (status is not null) command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var steps = new List<PerformedProcedureStep>();
        while (reader.Read()) steps.Add(Read(reader));
        return steps;
    }

    private const string Columns = "sop_instance_uid, calling_aet, status, created, updated, attributes";

    private static PerformedProcedureStep? Find(SqliteConnection connection, SqliteTransaction? transaction, string sopInstanceUid)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM mpps WHERE sop_instance_uid = $uid";
        command.Parameters.AddWithValue("$uid", sopInstanceUid);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static PerformedProcedureStep Read(SqliteDataReader reader)
    {
        using var blob = new MemoryStream((byte[])reader.GetValue(5));
        return new PerformedProcedureStep(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            DicomDataset.Read(blob, DicomTransferSyntax.ExplicitVRLittleEndian));
    }

    private static void AddColumns(SqliteCommand command, DicomDataset attributes)
    {
        var scheduled = attributes.GetSequence(DicomTag.ScheduledStepAttributesSequence);
        var first = scheduled is { Count: > 0 } ? scheduled[0] : null;
        command.Parameters.AddWithValue("$status", attributes.GetString(DicomTag.PerformedProcedureStepStatus) ?? "");
        command.Parameters.AddWithValue("$pid", attributes.GetString(DicomTag.PatientID) ?? "");
        command.Parameters.AddWithValue("$name", attributes.GetString(DicomTag.PatientName) ?? "");
        command.Parameters.AddWithValue("$study", first?.GetString(DicomTag.StudyInstanceUID) ?? "");
        command.Parameters.AddWithValue("$accession", first?.GetString(DicomTag.AccessionNumber) ?? "");
        command.Parameters.AddWithValue("$modality", attributes.GetString(DicomTag.Modality) ?? "");
        command.Parameters.AddWithValue("$start", attributes.GetString(DicomTag.PerformedProcedureStepStartDate) ?? "");
        using var blob = new MemoryStream();
        attributes.WriteTo(blob, DicomTransferSyntax.ExplicitVRLittleEndian);
        command.Parameters.AddWithValue("$attributes", blob.ToArray());
    }
}
