using Hounsfield.Archive.Workflow;

namespace Hounsfield.Archive.Notifications;

/// <summary>The Instance Availability Notifications we received, kept in the workflow database.</summary>
public sealed class ReceivedNotifications
{
    private readonly WorkflowDatabase _database;

    /// <summary>Opens the table, creating it on first use.</summary>
    public ReceivedNotifications(WorkflowDatabase database)
    {
        _database = database;
        database.Migrate("ian-scp-1", """
            CREATE TABLE received_notifications (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                received INTEGER NOT NULL,
                calling_ae TEXT NOT NULL,
                sop_instance_uid TEXT NOT NULL UNIQUE,
                study_uid TEXT NOT NULL,
                instance_count INTEGER NOT NULL,
                availability TEXT NOT NULL,
                attributes BLOB NOT NULL);
            """);
    }

    /// <summary>Keeps a notification; false when one with the same SOP Instance UID is already kept.</summary>
    public bool Add(ReceivedNotification notification)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO received_notifications (received, calling_ae, sop_instance_uid, study_uid, instance_count, availability, attributes)
            VALUES ($received, $ae, $uid, $study, $count, $availability, $attributes) ON CONFLICT(sop_instance_uid) DO NOTHING
            """;
        command.Parameters.AddWithValue("$received", notification.Received.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$ae", notification.CallingAETitle);
        command.Parameters.AddWithValue("$uid", notification.SopInstanceUid);
        command.Parameters.AddWithValue("$study", notification.StudyInstanceUid);
        command.Parameters.AddWithValue("$count", notification.InstanceCount);
        command.Parameters.AddWithValue("$availability", notification.Availability);
        command.Parameters.AddWithValue("$attributes", notification.Attributes);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Every kept notification, oldest first.</summary>
    public IReadOnlyList<ReceivedNotification> List()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, received, calling_ae, sop_instance_uid, study_uid, instance_count, availability, attributes FROM received_notifications ORDER BY id";
        var result = new List<ReceivedNotification>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new ReceivedNotification(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetString(6), (byte[])reader[7]));
        }
        return result;
    }
}
