using Hounsfield.Archive.Index;
using Hounsfield.Archive.Services;
using Hounsfield.Archive.Workflow;

namespace Hounsfield.Archive.Notifications;

/// <summary>
/// Remembers, in the workflow database, when each study last received an instance and whether
/// its completion was notified since; a study that receives more after its notification is
/// notified again once it is quiet again. Kept in a table so a restart resumes the wait.
/// </summary>
public sealed class StudyActivity : IStoredInstanceObserver
{
    private readonly WorkflowDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Opens the activity table, creating it on first use.</summary>
    public StudyActivity(WorkflowDatabase database, TimeProvider? time = null)
    {
        _database = database;
        _time = time ?? TimeProvider.System;
        database.Migrate("notifications-1", """
            CREATE TABLE study_activity (
                study_uid TEXT PRIMARY KEY,
                last_received INTEGER NOT NULL,
                notified INTEGER NOT NULL);
            CREATE INDEX study_activity_quiet ON study_activity(notified, last_received);
            """);
    }

    /// <inheritdoc/>
    public Task OnStoredAsync(StoredInstanceEvent stored, CancellationToken cancellationToken)
    {
        // A kept duplicate adds nothing to the study.
        if (stored.Outcome == IndexOutcomeKind.DuplicateKept) return Task.CompletedTask;
        Touch(stored.Record.StudyInstanceUid);
        return Task.CompletedTask;
    }

    /// <summary>Records that <paramref name="studyInstanceUid"/> received something now.</summary>
    public void Touch(string studyInstanceUid)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO study_activity (study_uid, last_received, notified) VALUES ($uid, $now, 0)
            ON CONFLICT(study_uid) DO UPDATE SET last_received = $now, notified = 0
            """;
        command.Parameters.AddWithValue("$uid", studyInstanceUid);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    /// <summary>Studies not notified that received nothing for <paramref name="quietTime"/>, with the time of their last instance.</summary>
    public IReadOnlyList<(string StudyInstanceUid, long LastReceived)> Quiet(TimeSpan quietTime)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT study_uid, last_received FROM study_activity WHERE notified = 0 AND last_received <= $limit ORDER BY last_received";
        command.Parameters.AddWithValue("$limit", _time.GetUtcNow().ToUnixTimeMilliseconds() - (long)quietTime.TotalMilliseconds);
        var result = new List<(string, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) result.Add((reader.GetString(0), reader.GetInt64(1)));
        return result;
    }

    /// <summary>Marks the study notified unless it received something after <paramref name="lastReceived"/>.</summary>
    public void MarkNotified(string studyInstanceUid, long lastReceived)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE study_activity SET notified = 1 WHERE study_uid = $uid AND last_received = $last";
        command.Parameters.AddWithValue("$uid", studyInstanceUid);
        command.Parameters.AddWithValue("$last", lastReceived);
        command.ExecuteNonQuery();
    }
}
