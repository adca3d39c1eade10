using System.Data.Common;

namespace Hounsfield.Archive.Index;

/// <summary>
/// What differs between the databases the index runs on; everything else (schema, writes,
/// queries) is one ADO.NET implementation. SQL text uses <c>$1</c>, <c>$2</c>... for parameters
/// and <c>{id}</c>, <c>{int}</c>, <c>{blob}</c> for column types in the schema.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>A connection, not yet opened.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>Adds the value of parameter <c>$n</c> (1-based, in order).</summary>
    public abstract void AddParameter(DbCommand command, int n, object? value);

    /// <summary>The case-insensitive LIKE operator.</summary>
    public abstract string CaseInsensitiveLike { get; }

    /// <summary>
    /// Appended to a SELECT whose rows the transaction is about to change, so that writers in other
    /// processes wait (empty where one writer has the whole database, as in SQLite).
    /// </summary>
    public virtual string ForUpdate => "";

    /// <summary>The column type of an auto-assigned 64-bit primary key.</summary>
    protected abstract string IdType { get; }

    /// <summary>The column type of a 64-bit integer.</summary>
    protected abstract string IntegerType { get; }

    /// <summary>The column type of a byte string.</summary>
    protected abstract string BlobType { get; }

    /// <summary>Runs on every connection the writer and migrations open (session settings).</summary>
    public virtual void Prepare(DbConnection connection)
    {
    }

    /// <summary>Per-connection settings of a connection opened for a query that may read many pages (C-FIND, retrieve selections).</summary>
    public virtual void PrepareForScans(DbConnection connection)
    {
    }

    /// <summary>
    /// Inside the migration transaction: serializes migrating processes and returns how many
    /// migrations the database has had.
    /// </summary>
    public abstract int BeginMigration(DbConnection connection, DbTransaction transaction);

    /// <summary>Records that <paramref name="version"/> migrations are applied.</summary>
    public abstract void EndMigration(DbConnection connection, DbTransaction transaction, int version);

    /// <summary>Whether a failed write transaction may succeed when run again (another process won a race).</summary>
    public virtual bool IsTransient(Exception exception) => false;

    /// <summary>
    /// Makes the connection's later commits wait for the disk (true, the default) or not. Only a
    /// dialect where an operating-system crash is also a crash of the one server using the database,
    /// whose next start restores lost rows from the stored files, skips the wait; by default every
    /// commit waits.
    /// </summary>
    public virtual void FlushCommits(DbConnection connection, bool flush) { }

    /// <summary>The schema text with the dialect's column types.</summary>
    public string Types(string sql) => sql.Replace("{id}", IdType, StringComparison.Ordinal)
        .Replace("{int}", IntegerType, StringComparison.Ordinal).Replace("{blob}", BlobType, StringComparison.Ordinal);

    /// <summary>Runs <paramref name="sql"/> (no result).</summary>
    public static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
