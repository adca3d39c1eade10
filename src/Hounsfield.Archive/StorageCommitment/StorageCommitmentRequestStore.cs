using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom;
using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.StorageCommitment;

/// <summary>
/// Commitment requests in the workflow database, kept until their report is delivered, so a
/// report still pending when the archive stops is sent after it starts again.
/// </summary>
public sealed class StorageCommitmentRequestStore
{
    private const string Schema = """
        CREATE TABLE storage_commitment (
            transaction_uid TEXT PRIMARY KEY,
            calling_aet TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt INTEGER NOT NULL,
            last_error TEXT,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            references_blob BLOB NOT NULL);
        CREATE INDEX storage_commitment_due ON storage_commitment (state, next_attempt);
        """;

    private const string Columns = "transaction_uid, calling_aet, state, attempts, last_error, created, references_blob";

    private readonly WorkflowDatabase _database;

    /// <summary>Uses <paramref name="database"/>, creating the table on first use.</summary>
    public StorageCommitmentRequestStore(WorkflowDatabase database)
    {
        _database = database;
        database.Migrate("storage-commitment-1", Schema);
    }

    /// <summary>
    /// Records a request as pending, first due for a retry at <paramref name="firstRetry"/>; a repeated
    /// Transaction UID starts over (the requestor asked again).
    /// </summary>
    public void Save(string transactionUid, string callingAETitle, IReadOnlyList<ReferencedSop> references, DateTimeOffset firstRetry)
    {
        var sequence = new DicomDataset();
        sequence.SetSequence(DicomTag.ReferencedSOPSequence, [.. references.Select(r => new DicomDataset()
            .Set(DicomTag.ReferencedSOPClassUID, r.SopClassUid).Set(DicomTag.ReferencedSOPInstanceUID, r.SopInstanceUid))]);
        using var blob = new MemoryStream();
        sequence.WriteTo(blob, DicomTransferSyntax.ExplicitVRLittleEndian);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Execute("""
            INSERT OR REPLACE INTO storage_commitment (transaction_uid, calling_aet, state, attempts, next_attempt, last_error, created, updated, references_blob)
            VALUES ($uid, $aet, 'pending', 0, $next, NULL, $now, $now, $blob)
            """, ("$uid", transactionUid), ("$aet", callingAETitle), ("$now", now), ("$next", firstRetry.ToUnixTimeMilliseconds()), ("$blob", blob.ToArray()));
    }

    /// <summary>Pending requests whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<StorageCommitmentRequest> Due(DateTimeOffset now) =>
        Query("WHERE state = 'pending' AND next_attempt <= $now ORDER BY created", ("$now", now.ToUnixTimeMilliseconds()));

    /// <summary>Every request, newest first.</summary>
    public IReadOnlyList<StorageCommitmentRequest> List(int limit = 1000) => Query("ORDER BY created DESC LIMIT $limit", ("$limit", limit));

    /// <summary>The request with <paramref name="transactionUid"/>, or null.</summary>
    public StorageCommitmentRequest? Find(string transactionUid) =>
        Query("WHERE transaction_uid = $uid", ("$uid", transactionUid)).FirstOrDefault();

    /// <summary>The report was delivered.</summary>
    public void MarkSent(string transactionUid) => Execute(
        "UPDATE storage_commitment SET state = 'sent', attempts = attempts + 1, last_error = NULL, updated = $now WHERE transaction_uid = $uid",
        ("$uid", transactionUid), ("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    /// <summary>A delivery failed: tried again at <paramref name="nextAttempt"/>, or given up when the attempts reach <paramref name="maxAttempts"/>.</summary>
    public void MarkAttemptFailed(string transactionUid, string error, DateTimeOffset nextAttempt, int maxAttempts) => Execute("""
        UPDATE storage_commitment SET attempts = attempts + 1, last_error = $error, next_attempt = $next, updated = $now,
            state = CASE WHEN attempts + 1 >= $max THEN 'failed' ELSE state END
        WHERE transaction_uid = $uid AND state = 'pending'
        """, ("$uid", transactionUid), ("$error", error), ("$next", nextAttempt.ToUnixTimeMilliseconds()),
        ("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), ("$max", maxAttempts));

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    private List<StorageCommitmentRequest> Query(string where, params (string Name, object Value)[] parameters)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM storage_commitment {where}";
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var requests = new List<StorageCommitmentRequest>();
        while (reader.Read()) requests.Add(Read(reader));
        return requests;
    }

    private static StorageCommitmentRequest Read(SqliteDataReader reader)
    {
        using var blob = new MemoryStream((byte[])reader.GetValue(6));
        var references = (DicomDataset.Read(blob, DicomTransferSyntax.ExplicitVRLittleEndian).GetSequence(DicomTag.ReferencedSOPSequence) ?? Enumerable.Empty<DicomDataset>())
            .Select(i => new ReferencedSop(i.GetString(DicomTag.ReferencedSOPClassUID) ?? "", i.GetString(DicomTag.ReferencedSOPInstanceUID) ?? "")).ToList();
        return new StorageCommitmentRequest(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), references,
            reader.IsDBNull(4) ? null : reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
    }
}
