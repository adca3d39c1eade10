using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.Workflow;

/// <summary>
/// The archive's workflow state beside the image index (worklist items, performed procedure steps,
/// commitment requests, the outbound queue), in one SQLite file in WAL mode with synchronous commits.
/// Each feature registers its own named migrations, so features add tables without numbering against each other.
/// </summary>
public sealed class WorkflowDatabase
{
    private readonly string _connectionString;
    private readonly Lock _migrating = new();

    /// <summary>Opens (creating) the workflow database at <paramref name="path"/>.</summary>
    public WorkflowDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied INTEGER NOT NULL);");
    }

    /// <summary>
    /// Applies <paramref name="sql"/> once under <paramref name="name"/> (e.g. "worklist-1"), in a transaction with its record.
    /// Later schema changes of a feature get new names; an applied migration is never edited.
    /// </summary>
    public void Migrate(string name, string sql)
    {
        lock (_migrating)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT 1 FROM migrations WHERE name = $name";
                check.Parameters.AddWithValue("$name", name);
                if (check.ExecuteScalar() is not null) return;
            }
            Execute(connection, sql, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO migrations (name, applied) VALUES ($name, $now)";
            record.Parameters.AddWithValue("$name", name);
            record.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            record.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>A new open connection (pooled) with synchronous commits and foreign keys on; dispose it when done.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        return connection;
    }

    /// <summary>Runs statements that return nothing.</summary>
    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
