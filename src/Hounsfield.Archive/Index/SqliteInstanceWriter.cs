using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.Index;

/// <summary>Inserts one instance and the patient, study and series it belongs to, inside the caller's transaction.</summary>
internal static class SqliteInstanceWriter
{
    public static IndexOutcome Store(SqliteConnection c, SqliteTransaction t, InstanceRecord r, DuplicatePolicy policy)
    {
        var existing = Query(c, t, "SELECT id, path FROM instances WHERE sop_instance_uid = $1", r.SopInstanceUid);
        if (existing is not null)
        {
            var (id, oldPath) = ((long)existing[0]!, (string)existing[1]!);
            switch (policy)
            {
                case DuplicatePolicy.KeepFirst:
                    return new IndexOutcome(IndexOutcomeKind.DuplicateKept, r.Path);
                case DuplicatePolicy.Reject:
                    return new IndexOutcome(IndexOutcomeKind.DuplicateRejected, r.Path);
                default:
                    Execute(c, t, "UPDATE instances SET path = $1, size = $2, transfer_syntax = $3, source_ae = $4, received = $5, attributes = $6 WHERE id = $7",
                        r.Path, r.Size, r.TransferSyntaxUid, r.SourceAETitle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), r.InstanceAttributes, id);
                    return new IndexOutcome(IndexOutcomeKind.Replaced, oldPath);
            }
        }
        var patient = IdOf(c, t, "SELECT id FROM patients WHERE patient_id = $1 AND issuer = $2", r.PatientId, r.IssuerOfPatientId)
            ?? Insert(c, t, "INSERT INTO patients (patient_id, issuer, patient_name, birth_date, sex, attributes) VALUES ($1, $2, $3, $4, $5, $6)",
                r.PatientId, r.IssuerOfPatientId, r.PatientName, r.PatientBirthDate, r.PatientSex, r.PatientAttributes);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var study = IdOf(c, t, "SELECT id FROM studies WHERE study_uid = $1", r.StudyInstanceUid);
        if (study is { } s) Execute(c, t, "UPDATE studies SET last_update = $1 WHERE id = $2", now, s);
        else study = Insert(c, t, """
            INSERT INTO studies (patient_fk, study_uid, study_date, study_time, accession_number, study_id, description, referring_physician, last_update, attributes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, patient, r.StudyInstanceUid, r.StudyDate, r.StudyTime, r.AccessionNumber, r.StudyId, r.StudyDescription, r.ReferringPhysicianName, now, r.StudyAttributes);
        var series = IdOf(c, t, "SELECT id FROM series WHERE series_uid = $1", r.SeriesInstanceUid)
            ?? Insert(c, t, "INSERT INTO series (study_fk, series_uid, modality, series_number, description, attributes) VALUES ($1, $2, $3, $4, $5, $6)",
                study, r.SeriesInstanceUid, r.Modality, r.SeriesNumber, r.SeriesDescription, r.SeriesAttributes);
        Insert(c, t, """
            INSERT INTO instances (series_fk, sop_instance_uid, sop_class_uid, instance_number, transfer_syntax, path, size, source_ae, received, attributes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, series, r.SopInstanceUid, r.SopClassUid, r.InstanceNumber, r.TransferSyntaxUid, r.Path, r.Size, r.SourceAETitle, now, r.InstanceAttributes);
        return new IndexOutcome(IndexOutcomeKind.Stored, null);
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction t, string sql, object?[] args)
    {
        var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++) command.Parameters.AddWithValue("$" + (i + 1), args[i] ?? DBNull.Value);
        return command;
    }

    private static long? IdOf(SqliteConnection c, SqliteTransaction t, string sql, params object?[] args)
    {
        using var command = Command(c, t, sql, args);
        return command.ExecuteScalar() is long id ? id : null;
    }

    private static object?[]? Query(SqliteConnection c, SqliteTransaction t, string sql, params object?[] args)
    {
        using var command = Command(c, t, sql, args);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var row = new object?[reader.FieldCount];
        reader.GetValues(row!);
        return row;
    }

    private static long Insert(SqliteConnection c, SqliteTransaction t, string sql, params object?[] args)
    {
        using var command = Command(c, t, sql + " RETURNING id", args);
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection c, SqliteTransaction t, string sql, params object?[] args)
    {
        using var command = Command(c, t, sql, args);
        command.ExecuteNonQuery();
    }
}
