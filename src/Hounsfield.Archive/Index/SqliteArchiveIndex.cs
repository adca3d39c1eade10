using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.Index;

/// <summary>
/// The embedded index: SQLite in WAL mode with synchronous commits. Concurrent stores are batched
/// by one writer into shared transactions (group commit), so durability costs one disk flush per
/// batch rather than per instance.
/// </summary>
public sealed class SqliteArchiveIndex : IArchiveIndex
{
    private const int MaxBatch = 128;
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<PendingStore> _queue = Channel.CreateUnbounded<PendingStore>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writerLoop;

    private sealed record PendingStore(InstanceRecord Record, DuplicatePolicy Policy, TaskCompletionSource<IndexOutcome> Done);

    /// <summary>Opens (creating or upgrading) the index database at <paramref name="path"/>.</summary>
    public SqliteArchiveIndex(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        SqliteSchema.Migrate(_writer);
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <inheritdoc/>
    public Task<IndexOutcome> StoreAsync(InstanceRecord record, DuplicatePolicy policy, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<IndexOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new PendingStore(record, policy, done)))
            throw new ObjectDisposedException(nameof(SqliteArchiveIndex));
        return done.Task.WaitAsync(cancellationToken);
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
            WHERE i.sop_instance_uid = $uid
            """;
        command.Parameters.AddWithValue("$uid", sopInstanceUid);
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
    public async IAsyncEnumerable<Hounsfield.Dicom.DicomDataset> FindAsync(Query.DicomQuery query, Query.QueryOptions options,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var match in new SqliteQuery(query, options).RunAsync(connection, cancellationToken).ConfigureAwait(false))
            yield return match;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredInstance> FindInstancesAsync(Query.DicomQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var imageQuery = query.AtImageLevel();
        await foreach (var instance in new SqliteQuery(imageQuery, new Query.QueryOptions(), forRetrieve: true).RunInstancesAsync(connection, cancellationToken).ConfigureAwait(false))
            yield return instance;
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

    /// <summary>Finishes the queued stores, then closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingStore>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            WriteBatch(batch);
        }
    }

    private void WriteBatch(List<PendingStore> batch)
    {
        var outcomes = new IndexOutcome[batch.Count];
        try
        {
            using var transaction = _writer.BeginTransaction();
            for (var i = 0; i < batch.Count; i++) outcomes[i] = SqliteInstanceWriter.Store(_writer, transaction, batch[i].Record, batch[i].Policy);
            transaction.Commit();
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Done.TrySetException(e);
            return;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(outcomes[i]);
    }
}
