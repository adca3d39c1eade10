using System.Data.Common;
using System.Runtime.CompilerServices;
using Hounsfield.Archive.Query;

namespace Hounsfield.Archive.Index;

/// <summary>
/// The index on SQLite (embedded, WAL) or PostgreSQL (which several archive processes may share),
/// one ADO.NET implementation over a <see cref="SqlDialect"/>. Concurrent writes are batched by one
/// writer into shared transactions (group commit), so durability costs one disk flush per batch
/// rather than per instance. On SQLite a batch of only stores and access times is committed without
/// waiting for the disk: the stored files are flushed before they are indexed and are the record
/// that counts, and rows an operating-system crash takes away are made again from them at the next
/// start (<see cref="Storage.OrphanFiles"/>). Every other write (deletions, Patient ID decisions) is
/// flushed when committed, and with it every commit before it.
/// </summary>
public sealed class SqlArchiveIndex : IArchiveIndex
{
    private const int MaxBatch = 128;
    private const int MaxAttempts = 10;
    private readonly SqlDialect _dialect;
    private readonly DbConnection _writer;
    private readonly GroupCommit<PendingWrite> _writes;
    private readonly SqlCommandCache _commands;

    // Order: the key writes of one batch are sorted by, so that processes sharing a database take
    // row locks in the same order (fewer deadlocks to retry).
    // Deferrable: a store or an access time, which the files can restore (see the class summary).
    private sealed record PendingWrite(string Order, Func<SqlInstanceWriter, object?> Work, bool Deferrable, TaskCompletionSource<object?> Done);

    // Whether the writer's commits wait for the disk now (SqlDialect.FlushCommits).
    private bool _flushing = true;

    private SqlArchiveIndex(SqlDialect dialect)
    {
        _dialect = dialect;
        _writer = dialect.CreateConnection();
        _writer.Open();
        dialect.Prepare(_writer);
        _commands = new SqlCommandCache(dialect, _writer);
        SqlSchema.Migrate(dialect, _writer);
        _writes = new GroupCommit<PendingWrite>(batch => WriteBatchAsync([.. batch.OrderBy(p => p.Order, StringComparer.Ordinal)]), MaxBatch);
    }

    /// <summary>Opens (creating or upgrading) the SQLite index file at <paramref name="path"/>.</summary>
    public static SqlArchiveIndex OpenSqlite(string path) => new(new SqliteDialect(path));

    /// <summary>
    /// Opens (creating or upgrading the schema of) a PostgreSQL index: a <c>postgres://user:pass@host:port/db</c>
    /// URI or an Npgsql connection string (<c>Host=...;Database=...</c>).
    /// </summary>
    public static SqlArchiveIndex OpenPostgres(string database) => new(new PostgresDialect(database));

    /// <summary>
    /// The index <paramref name="database"/> names: PostgreSQL for a <c>postgres://</c> URI or a
    /// connection string, otherwise (null or empty) SQLite at <c>index.sqlite</c> in <paramref name="dataDirectory"/>.
    /// </summary>
    public static SqlArchiveIndex Open(string? database, string dataDirectory) =>
        string.IsNullOrWhiteSpace(database) ? OpenSqlite(Path.Combine(dataDirectory, "index.sqlite")) : OpenPostgres(database);

    /// <inheritdoc/>
    public async Task<IndexOutcome> StoreAsync(InstanceRecord record, DuplicatePolicy policy, CancellationToken cancellationToken = default) =>
        (IndexOutcome)(await WriteAsync($"{record.PatientId}\0{record.StudyInstanceUid}\0{record.SeriesInstanceUid}", w => w.Store(record, policy), cancellationToken, deferrable: true).ConfigureAwait(false))!;

    /// <inheritdoc/>
    public async Task<bool> ContainsInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM instances WHERE sop_instance_uid = $1";
        _dialect.AddParameter(command, 1, sopInstanceUid);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc/>
    public async Task<InstanceRecord?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.patient_id, p.issuer, p.patient_name, p.birth_date, p.sex,
                   st.study_uid, st.study_date, st.study_time, st.accession_number, st.study_id, st.description, st.referring_physician,
                   se.series_uid, se.modality, se.series_number, se.description,
                   i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.transfer_syntax, i.path, i.size, i.source_ae
            FROM instances i JOIN series se ON i.series_fk = se.id JOIN studies st ON se.study_fk = st.id JOIN patients p ON st.patient_fk = p.id
            WHERE i.sop_instance_uid = $1
            """;
        _dialect.AddParameter(command, 1, sopInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new InstanceRecord
        {
            PatientId = reader.GetString(0), IssuerOfPatientId = reader.GetString(1), PatientName = reader.GetString(2),
            PatientBirthDate = reader.GetString(3), PatientSex = reader.GetString(4),
            StudyInstanceUid = reader.GetString(5), StudyDate = reader.GetString(6), StudyTime = reader.GetString(7),
            AccessionNumber = reader.GetString(8), StudyId = reader.GetString(9), StudyDescription = reader.GetString(10),
            ReferringPhysicianName = reader.GetString(11),
            SeriesInstanceUid = reader.GetString(12), Modality = reader.GetString(13), SeriesNumber = reader.GetString(14),
            SeriesDescription = reader.GetString(15),
            SopInstanceUid = reader.GetString(16), SopClassUid = reader.GetString(17), InstanceNumber = reader.GetString(18),
            TransferSyntaxUid = reader.GetString(19), Path = reader.GetString(20), Size = reader.GetInt64(21), SourceAETitle = reader.GetString(22),
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Hounsfield.Dicom.DicomDataset> FindAsync(DicomQuery query, QueryOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken, scans: true).ConfigureAwait(false);
        await foreach (var match in new SqlQuery(_dialect, query, options).RunAsync(connection, cancellationToken).ConfigureAwait(false))
            yield return match;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredInstance> FindInstancesAsync(DicomQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var studies = new HashSet<long>();
        await using (var connection = await OpenReaderAsync(cancellationToken, scans: true).ConfigureAwait(false))
        {
            await foreach (var (instance, study) in new SqlQuery(_dialect, query.AtImageLevel(), new QueryOptions(), forRetrieve: true).RunInstancesAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                studies.Add(study);
                yield return instance;
            }
        }
        if (studies.Count > 0) await TouchAsync(studies, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<(long Patients, long Studies, long Series, long Instances)> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM patients), (SELECT COUNT(*) FROM studies), (SELECT COUNT(*) FROM series), (SELECT COUNT(*) FROM instances)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StudyUsage>> LeastRecentlyUsedStudiesAsync(int count, DateTimeOffset storedBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT st.study_uid, p.patient_id, st.last_access, st.last_update,
                   (SELECT COUNT(*) FROM instances i JOIN series se ON se.id = i.series_fk WHERE se.study_fk = st.id),
                   (SELECT COALESCE(SUM(i.size), 0) FROM instances i JOIN series se ON se.id = i.series_fk WHERE se.study_fk = st.id)
            FROM studies st JOIN patients p ON p.id = st.patient_fk
            WHERE st.last_update < $1 ORDER BY st.last_access, st.id LIMIT $2
            """;
        _dialect.AddParameter(command, 1, storedBefore.ToUnixTimeMilliseconds());
        _dialect.AddParameter(command, 2, (long)count);
        var studies = new List<StudyUsage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            studies.Add(new StudyUsage(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetInt64(4), Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture)));
        return studies;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> DeleteStudyAsync(string studyInstanceUid, DateTimeOffset storedBefore, CancellationToken cancellationToken = default) =>
        (IReadOnlyList<string>)(await WriteAsync("", w => DeleteStudy(w, studyInstanceUid, storedBefore.ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> PathsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT path FROM instances";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) yield return reader.GetString(0);
    }

    /// <inheritdoc/>
    public async Task<string?> StudyPatientIdAsync(string studyInstanceUid, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE((SELECT patient_id FROM study_patient_ids WHERE study_uid = $1),
                (SELECT p.patient_id FROM studies st JOIN patients p ON p.id = st.patient_fk WHERE st.study_uid = $1))
            """;
        _dialect.AddParameter(command, 1, studyInstanceUid);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc/>
    public async Task<string> RecordStudyPatientIdAsync(string studyInstanceUid, string patientId, CancellationToken cancellationToken = default) =>
        (string)(await WriteAsync("", w =>
        {
            w.Execute("INSERT INTO study_patient_ids (study_uid, patient_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", studyInstanceUid, patientId);
            return w.Row("SELECT patient_id FROM study_patient_ids WHERE study_uid = $1", studyInstanceUid)![0];
        }, cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc/>
    public async Task<PatientIdClaim> ClaimPatientIdAsync(PatientIdClaim claim, CancellationToken cancellationToken = default) =>
        (PatientIdClaim)(await WriteAsync("", w =>
        {
            // A claim losing a race inserts nothing (PostgreSQL first waits for the winner's commit).
            w.Execute("INSERT INTO patient_id_claims (patient_id, original_id, patient_name, birth_date) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                claim.PatientId, claim.OriginalId, claim.PatientName, claim.BirthDate);
            var row = w.Row("SELECT patient_id, original_id, patient_name, birth_date FROM patient_id_claims WHERE original_id = $1 AND patient_name = $2 AND birth_date = $3",
                    claim.OriginalId, claim.PatientName, claim.BirthDate)
                ?? w.Row("SELECT patient_id, original_id, patient_name, birth_date FROM patient_id_claims WHERE patient_id = $1", claim.PatientId)!;
            return new PatientIdClaim((string)row[0]!, (string)row[1]!, (string)row[2]!, (string)row[3]!);
        }, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Finishes the queued writes, then closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writes.CloseAsync().ConfigureAwait(false);
        _commands.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        (_dialect as IDisposable)?.Dispose();
    }

    // The study row stays locked until commit. A server storing into the study meanwhile either
    // moves its time on (updating the row: it committed first and the check fails, or it waits for
    // the delete) or finds the time under a second old and leaves it (SqlInstanceWriter.TouchInterval),
    // which the check allows for: a study stored into since storedBefore has a time no older than a
    // second before it.
    private List<string> DeleteStudy(SqlInstanceWriter w, string studyInstanceUid, long storedBefore)
    {
        if (w.Row("SELECT id, patient_fk FROM studies WHERE study_uid = $1 AND last_update < $2" + _dialect.ForUpdate,
                studyInstanceUid, storedBefore - SqlInstanceWriter.TouchInterval) is not { } study) return [];
        var (id, patient) = ((long)study[0]!, (long)study[1]!);
        var paths = w.Rows("SELECT i.path FROM instances i JOIN series se ON se.id = i.series_fk WHERE se.study_fk = $1", id).ConvertAll(row => (string)row[0]!);
        w.Execute("DELETE FROM instances WHERE series_fk IN (SELECT id FROM series WHERE study_fk = $1)", id);
        w.Execute("DELETE FROM series WHERE study_fk = $1", id);
        w.Execute("DELETE FROM studies WHERE id = $1", id);
        w.Execute("DELETE FROM patients WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM studies WHERE patient_fk = $1)", patient);
        return paths;
    }

    private Task TouchAsync(HashSet<long> studies, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return WriteAsync("", w =>
        {
            foreach (var study in studies.Order()) w.Execute("UPDATE studies SET last_access = $1 WHERE id = $2", now, study);
            return null;
        }, cancellationToken, deferrable: true);
    }

    private async Task<object?> WriteAsync(string order, Func<SqlInstanceWriter, object?> work, CancellationToken cancellationToken, bool deferrable = false)
    {
        var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_writes.Add(new PendingWrite(order, work, deferrable, done))) await _writes.LeadAsync(done.Task).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // scans: the connection serves a C-FIND or a retrieve selection, which may read many pages.
    private async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken, bool scans = false)
    {
        var connection = _dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (scans) _dialect.PrepareForScans(connection);
        return connection;
    }

    // A lost connection (database restarted, network cut) fails the batch in flight, not every later one.
    private void ReopenIfBroken()
    {
        if (_writer.State == System.Data.ConnectionState.Open) return;
        _commands.Clear();
        try
        {
            _writer.Close();
            _writer.Open();
            _dialect.Prepare(_writer);
            _flushing = true;
        }
        catch (DbException)
        {
            // Still unreachable: the next batch tries again.
        }
    }

    private void SetFlushing(bool flush)
    {
        if (flush == _flushing) return;
        _dialect.FlushCommits(_writer, flush);
        _flushing = flush;
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        var results = new object?[batch.Count];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                SetFlushing(!batch.TrueForAll(p => p.Deferrable));
                using var transaction = _writer.BeginTransaction();
                var writer = new SqlInstanceWriter(_commands, transaction);
                for (var i = 0; i < batch.Count; i++) results[i] = batch[i].Work(writer);
                writer.Finish();
                transaction.Commit();
                break;
            }
            catch (Exception e) when (attempt < MaxAttempts && _dialect.IsTransient(e))
            {
                // Another process's transaction won a race for the same rows: run ours again.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                foreach (var pending in batch) pending.Done.TrySetException(e);
                ReopenIfBroken();
                return;
            }
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
    }
}
