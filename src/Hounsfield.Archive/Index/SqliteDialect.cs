using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.Index;

/// <summary>
/// The embedded index file: WAL with synchronous commits unless deferred (see
/// <see cref="SqlArchiveIndex"/>), the schema version in <c>PRAGMA user_version</c> (as in every
/// index this archive has written).
/// </summary>
internal sealed class SqliteDialect(string path) : SqlDialect
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    public override void AddParameter(DbCommand command, int n, object? value) =>
        ((SqliteCommand)command).Parameters.AddWithValue("$" + n, value ?? DBNull.Value);

    // LIKE is case-insensitive for ASCII in SQLite.
    public override string CaseInsensitiveLike => "LIKE";

    protected override string IdType => "INTEGER PRIMARY KEY";

    protected override string IntegerType => "INTEGER";

    protected override string BlobType => "BLOB";

    public override void Prepare(DbConnection connection) =>
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");

    // WAL with synchronous=NORMAL: a commit is written to the log but flushed only at checkpoints
    // or by the next FULL commit; a process crash loses nothing, an operating-system crash the last commits.
    public override void FlushCommits(DbConnection connection, bool flush) =>
        Execute(connection, flush ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");

    // Queries read the index through a memory map: pages come from the page cache without a
    // system call each (a C-FIND scan touches thousands).
    public override void PrepareForScans(DbConnection connection) => Execute(connection, "PRAGMA mmap_size=1073741824;");

    public override int BeginMigration(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override void EndMigration(DbConnection connection, DbTransaction transaction, int version) =>
        Execute(connection, $"PRAGMA user_version = {version}", transaction);
}
