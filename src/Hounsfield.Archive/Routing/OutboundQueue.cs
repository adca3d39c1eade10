using Hounsfield.Archive.Workflow;
using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.Routing;

/// <summary>
/// The persistent outbound queue in the workflow database. A job is committed (synchronous
/// commit) before <see cref="Enqueue"/> returns, and marked done only after the destination's
/// success or warning answer. Delivery is at least once: a crash after the peer's answer and before
/// the done mark is committed sends that job again after the restart.
/// </summary>
public sealed class OutboundQueue
{
    private const string Columns = "id, destination, kind, sop_instance_uid, transfer_syntax, payload, state, attempts, next_attempt, last_error, created, updated";
    private readonly WorkflowDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Opens the queue, creating its table on first use.</summary>
    public OutboundQueue(WorkflowDatabase database, TimeProvider? time = null)
    {
        _database = database;
        _time = time ?? TimeProvider.System;
        database.Migrate("queue-1", """
            CREATE TABLE outbound_jobs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                destination TEXT NOT NULL,
                kind TEXT NOT NULL,
                sop_instance_uid TEXT NOT NULL,
                transfer_syntax TEXT,
                payload BLOB,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt INTEGER NOT NULL,
                last_error TEXT,
                created INTEGER NOT NULL,
                updated INTEGER NOT NULL);
            CREATE INDEX outbound_jobs_due ON outbound_jobs(state, next_attempt);
            CREATE INDEX outbound_jobs_instance ON outbound_jobs(destination, sop_instance_uid);
            """);
    }

    /// <summary>Raised after jobs are queued or made due again, so a worker can start at once.</summary>
    public event Action? Changed;

    /// <summary>Queues <paramref name="messages"/> in one transaction; returns their ids.</summary>
    public IReadOnlyList<long> Enqueue(IEnumerable<OutboundMessage> messages)
    {
        var ids = new List<long>();
        var now = Now;
        using (var connection = _database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var m in messages)
            {
                using var insert = Command(connection, """
                    INSERT INTO outbound_jobs (destination, kind, sop_instance_uid, transfer_syntax, payload, state, attempts, next_attempt, created, updated)
                    VALUES ($destination, $kind, $uid, $ts, $payload, 'Pending', 0, $now, $now, $now) RETURNING id
                    """, transaction);
                insert.Parameters.AddWithValue("$destination", m.Destination);
                insert.Parameters.AddWithValue("$kind", m.Kind.ToString());
                insert.Parameters.AddWithValue("$uid", m.SopInstanceUid);
                insert.Parameters.AddWithValue("$ts", (object?)m.TransferSyntax ?? DBNull.Value);
                insert.Parameters.AddWithValue("$payload", (object?)m.Payload ?? DBNull.Value);
                insert.Parameters.AddWithValue("$now", now);
                ids.Add((long)insert.ExecuteScalar()!);
            }
            transaction.Commit();
        }
        if (ids.Count > 0) Changed?.Invoke();
        return ids;
    }

    /// <summary>True when a job of <paramref name="kind"/> for this instance and destination is queued, in flight or done.</summary>
    public bool Contains(string destination, OutboundJobKind kind, string sopInstanceUid)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT 1 FROM outbound_jobs WHERE destination = $d AND sop_instance_uid = $uid AND kind = $kind AND state <> 'Failed' LIMIT 1");
        command.Parameters.AddWithValue("$d", destination);
        command.Parameters.AddWithValue("$uid", sopInstanceUid);
        command.Parameters.AddWithValue("$kind", kind.ToString());
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Makes jobs left in flight by a stopped process pending again (they are resent: at least once); returns how many.</summary>
    public int RecoverInFlight() => Update("UPDATE outbound_jobs SET state = 'Pending', updated = $now WHERE state = 'InFlight'");

    /// <summary>Destinations that have jobs due now.</summary>
    public IReadOnlyList<string> DueDestinations()
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT DISTINCT destination FROM outbound_jobs WHERE state = 'Pending' AND next_attempt <= $now ORDER BY destination");
        command.Parameters.AddWithValue("$now", Now);
        var result = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) result.Add(reader.GetString(0));
        return result;
    }

    /// <summary>The earliest time a pending job becomes due, or null when none is pending.</summary>
    public DateTimeOffset? NextDue()
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT MIN(next_attempt) FROM outbound_jobs WHERE state = 'Pending'");
        return command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> due jobs of <paramref name="destination"/> in queue order and
    /// marks them in flight. An MPPS message waits while an earlier one for the same MPPS and
    /// destination is not done, so an N-SET never overtakes its N-CREATE.
    /// </summary>
    public IReadOnlyList<OutboundJob> Claim(string destination, int max)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var select = Command(connection, $"""
            SELECT {Columns} FROM outbound_jobs j
            WHERE destination = $d AND state = 'Pending' AND next_attempt <= $now
              AND NOT (kind IN ('MppsCreate', 'MppsSet') AND EXISTS (SELECT 1 FROM outbound_jobs e
                  WHERE e.destination = j.destination AND e.sop_instance_uid = j.sop_instance_uid AND e.id < j.id
                    AND e.kind IN ('MppsCreate', 'MppsSet') AND e.state <> 'Done'))
            ORDER BY id LIMIT $max
            """, transaction);
        select.Parameters.AddWithValue("$d", destination);
        select.Parameters.AddWithValue("$now", Now);
        select.Parameters.AddWithValue("$max", Math.Max(1, max));
        var jobs = Read(select);
        foreach (var job in jobs)
        {
            using var mark = Command(connection, "UPDATE outbound_jobs SET state = 'InFlight', updated = $now WHERE id = $id", transaction);
            mark.Parameters.AddWithValue("$now", Now);
            mark.Parameters.AddWithValue("$id", job.Id);
            mark.ExecuteNonQuery();
        }
        transaction.Commit();
        return jobs.Select(j => j with { State = OutboundJobState.InFlight }).ToList();
    }

    /// <summary>Puts in-flight jobs back as they were, without counting an attempt (they were not sent).</summary>
    public void Release(long id) => Update("UPDATE outbound_jobs SET state = 'Pending', updated = $now WHERE id = $id AND state = 'InFlight'", id);

    /// <summary>Marks a job done: the destination answered success or warning.</summary>
    public void Complete(long id) => Update("UPDATE outbound_jobs SET state = 'Done', last_error = NULL, updated = $now WHERE id = $id", id);

    /// <summary>
    /// Records a failed attempt of an in-flight job: pending again after the backoff delay, or
    /// failed once <paramref name="maxAttempts"/> attempts are used; returns the new state. A job no
    /// longer in flight (already done or failed, or removed) is left as it is.
    /// </summary>
    public OutboundJobState Fail(long id, string error, int maxAttempts, TimeSpan retryDelay, TimeSpan maxRetryDelay)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var read = Command(connection, "SELECT attempts, state FROM outbound_jobs WHERE id = $id", transaction);
        read.Parameters.AddWithValue("$id", id);
        long previous;
        using (var reader = read.ExecuteReader())
        {
            if (!reader.Read()) return OutboundJobState.Failed;
            var current = Enum.Parse<OutboundJobState>(reader.GetString(1));
            if (current != OutboundJobState.InFlight) return current;
            previous = reader.GetInt64(0);
        }
        var attempts = (int)previous + 1;
        var state = attempts >= maxAttempts ? OutboundJobState.Failed : OutboundJobState.Pending;
        using var update = Command(connection, """
            UPDATE outbound_jobs SET state = $state, attempts = $attempts, next_attempt = $next, last_error = $error, updated = $now WHERE id = $id
            """, transaction);
        update.Parameters.AddWithValue("$state", state.ToString());
        update.Parameters.AddWithValue("$attempts", attempts);
        update.Parameters.AddWithValue("$next", Now + (long)RetryBackoff.DelayAfter(attempts, retryDelay, maxRetryDelay).TotalMilliseconds);
        update.Parameters.AddWithValue("$error", error);
        update.Parameters.AddWithValue("$now", Now);
        update.Parameters.AddWithValue("$id", id);
        update.ExecuteNonQuery();
        transaction.Commit();
        return state;
    }

    /// <summary>Every job, or those in <paramref name="state"/>, in queue order.</summary>
    public IReadOnlyList<OutboundJob> List(OutboundJobState? state = null)
    {
        using var connection = _database.Open();
        using var command = Command(connection, $"SELECT {Columns} FROM outbound_jobs {(state is null ? "" : "WHERE state = $state")} ORDER BY id");
        if (state is not null) command.Parameters.AddWithValue("$state", state.ToString());
        return Read(command);
    }

    /// <summary>Makes a failed or pending job due now with its attempts reset; false when there is no such job.</summary>
    public bool Retry(long id) => Changes(Update("UPDATE outbound_jobs SET state = 'Pending', attempts = 0, next_attempt = $now, updated = $now WHERE id = $id AND state IN ('Pending', 'Failed')", id));

    /// <summary>Makes every failed job due now with its attempts reset; returns how many.</summary>
    public int RetryFailed() => NotifyIf(Update("UPDATE outbound_jobs SET state = 'Pending', attempts = 0, next_attempt = $now, updated = $now WHERE state = 'Failed'"));

    /// <summary>Removes one job (in any state); false when there is no such job.</summary>
    public bool Remove(long id) => Update("DELETE FROM outbound_jobs WHERE id = $id", id) > 0;

    /// <summary>Removes every job in <paramref name="state"/>; returns how many.</summary>
    public int Clear(OutboundJobState state)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "DELETE FROM outbound_jobs WHERE state = $state");
        command.Parameters.AddWithValue("$state", state.ToString());
        return command.ExecuteNonQuery();
    }

    /// <summary>Removes done jobs last changed more than <paramref name="age"/> ago; returns how many.</summary>
    public int PurgeDone(TimeSpan age)
    {
        using var connection = _database.Open();
        using var command = Command(connection, "DELETE FROM outbound_jobs WHERE state = 'Done' AND updated < $limit");
        command.Parameters.AddWithValue("$limit", Now - (long)age.TotalMilliseconds);
        return command.ExecuteNonQuery();
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private bool Changes(int count) => NotifyIf(count) > 0;

    private int NotifyIf(int count)
    {
        if (count > 0) Changed?.Invoke();
        return count;
    }

    private int Update(string sql, long? id = null)
    {
        using var connection = _database.Open();
        using var command = Command(connection, sql);
        command.Parameters.AddWithValue("$now", Now);
        if (id is not null) command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static List<OutboundJob> Read(SqliteCommand command)
    {
        var jobs = new List<OutboundJob>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            jobs.Add(new OutboundJob(
                reader.GetInt64(0), reader.GetString(1), Enum.Parse<OutboundJobKind>(reader.GetString(2)), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : (byte[])reader[5],
                Enum.Parse<OutboundJobState>(reader.GetString(6)), reader.GetInt32(7), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11))));
        }
        return jobs;
    }
}
