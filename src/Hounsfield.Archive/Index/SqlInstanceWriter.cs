using System.Data.Common;

namespace Hounsfield.Archive.Index;

/// <summary>
/// Inserts one instance and the patient, study and series it belongs to, inside the caller's
/// transaction. Rows are inserted with <c>ON CONFLICT DO NOTHING</c> and selected again when another
/// process inserted them first, so servers sharing one database never fail on each other's rows.
/// </summary>
internal sealed class SqlInstanceWriter(SqlCommandCache commands, DbTransaction t)
{
    private readonly long _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly SortedSet<long> _storedStudies = [];

    // A study's store and access times are moved on only when over a second old: instances arriving
    // in a stream then cost no update of their study each. A study inserted here already has the
    // time. Deleting a study allows for the second (SqlArchiveIndex.DeleteStudy).
    internal const long TouchInterval = 1000;

    // Row ids already found in this transaction: the instances of one batch mostly share them.
    private readonly Dictionary<string, long> _patients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _studies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _series = new(StringComparer.Ordinal);

    public IndexOutcome Store(InstanceRecord r, DuplicatePolicy policy)
    {
        while (true)
        {
            // One statement finds the instance and its parents (one round trip to PostgreSQL, not four).
            var known = Row("""
                SELECT (SELECT id FROM instances WHERE sop_instance_uid = $1), (SELECT path FROM instances WHERE sop_instance_uid = $1),
                       (SELECT id FROM patients WHERE patient_id = $2 AND issuer = $3), (SELECT id FROM studies WHERE study_uid = $4),
                       (SELECT id FROM series WHERE series_uid = $5), (SELECT last_update FROM studies WHERE study_uid = $4)
                """, r.SopInstanceUid, r.PatientId, r.IssuerOfPatientId, r.StudyInstanceUid, r.SeriesInstanceUid)!;
            if (known[0] is long existing) return Duplicate(r, policy, existing, (string)known[1]!);
            var patient = Cached(_patients, r.PatientId + "\0" + r.IssuerOfPatientId, known[2], () => Ensure("SELECT id FROM patients WHERE patient_id = $1 AND issuer = $2", [r.PatientId, r.IssuerOfPatientId],
                "INSERT INTO patients (patient_id, issuer, patient_name, patient_name_key, birth_date, sex, attributes) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                [r.PatientId, r.IssuerOfPatientId, r.PatientName, Query.FuzzySemanticMatching.Key(r.PatientName), r.PatientBirthDate, r.PatientSex, r.PatientAttributes]));
            var study = Cached(_studies, r.StudyInstanceUid, known[3], () => Ensure("SELECT id FROM studies WHERE study_uid = $1", [r.StudyInstanceUid], """
                INSERT INTO studies (patient_fk, study_uid, study_date, study_time, accession_number, study_id, description, referring_physician, last_update, last_access, attributes)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
                """, [patient, r.StudyInstanceUid, r.StudyDate, r.StudyTime, r.AccessionNumber, r.StudyId, r.StudyDescription, r.ReferringPhysicianName, _now, r.StudyAttributes]));
            if (known[5] is long lastUpdate && _now - lastUpdate >= TouchInterval) _storedStudies.Add(study);
            var series = Cached(_series, r.SeriesInstanceUid, known[4], () => Ensure("SELECT id FROM series WHERE series_uid = $1", [r.SeriesInstanceUid],
                "INSERT INTO series (study_fk, series_uid, modality, series_number, description, attributes) VALUES ($1, $2, $3, $4, $5, $6)",
                [study, r.SeriesInstanceUid, r.Modality, r.SeriesNumber, r.SeriesDescription, r.SeriesAttributes]));
            // Another process may have indexed the same SOP instance since the first select: then
            // the policy applies to its row.
            if (InsertOrNothing("""
                INSERT INTO instances (series_fk, sop_instance_uid, sop_class_uid, instance_number, transfer_syntax, path, size, source_ae, received, attributes)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """, series, r.SopInstanceUid, r.SopClassUid, r.InstanceNumber, r.TransferSyntaxUid, r.Path, r.Size, r.SourceAETitle, _now, r.InstanceAttributes) is not null)
                return new IndexOutcome(IndexOutcomeKind.Stored, null);
        }
    }

    /// <summary>Before commit: the studies stored into whose times are over a second old count as stored and accessed now.</summary>
    public void Finish()
    {
        foreach (var study in _storedStudies) Execute("UPDATE studies SET last_update = $1, last_access = $1 WHERE id = $2", _now, study);
    }

    private IndexOutcome Duplicate(InstanceRecord r, DuplicatePolicy policy, long id, string oldPath)
    {
        switch (policy)
        {
            case DuplicatePolicy.KeepFirst:
                return new IndexOutcome(IndexOutcomeKind.DuplicateKept, r.Path);
            case DuplicatePolicy.Reject:
                return new IndexOutcome(IndexOutcomeKind.DuplicateRejected, r.Path);
            default:
                Execute("UPDATE instances SET path = $1, size = $2, transfer_syntax = $3, source_ae = $4, received = $5, attributes = $6 WHERE id = $7",
                    r.Path, r.Size, r.TransferSyntaxUid, r.SourceAETitle, _now, r.InstanceAttributes, id);
                return new IndexOutcome(IndexOutcomeKind.Replaced, oldPath);
        }
    }

    // The id of a row: remembered from earlier in this transaction, found by the lookup (found),
    // or else inserted. An insert that loses a race with another process (which committed, or will:
    // PostgreSQL waits for it) inserts nothing, and the select then finds the winner's row.
    private static long Cached(Dictionary<string, long> ids, string key, object? found, Func<long> ensure)
    {
        if (!ids.TryGetValue(key, out var id)) ids[key] = id = found is long known ? known : ensure();
        return id;
    }

    // Called once the row was not found: the insert comes first.
    private long Ensure(string select, object?[] keys, string insert, object?[] values)
    {
        while (true)
        {
            if (InsertOrNothing(insert, values) is { } inserted) return inserted;
            if (IdOf(select, keys) is { } id) return id;
        }
    }

    private long? InsertOrNothing(string sql, params object?[] args) => IdOf(sql + " ON CONFLICT DO NOTHING RETURNING id", args);

    // Commands belong to the cache, which reuses them: none is disposed here.
    public long? IdOf(string sql, params object?[] args) =>
        commands.Get(sql, args, t).ExecuteScalar() is long id ? id : null;

    public object?[]? Row(string sql, params object?[] args)
    {
        using var reader = commands.Get(sql, args, t).ExecuteReader();
        if (!reader.Read()) return null;
        var row = new object?[reader.FieldCount];
        reader.GetValues(row!);
        return row;
    }

    public List<object?[]> Rows(string sql, params object?[] args)
    {
        using var reader = commands.Get(sql, args, t).ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }
        return rows;
    }

    public int Execute(string sql, params object?[] args) => commands.Get(sql, args, t).ExecuteNonQuery();
}
