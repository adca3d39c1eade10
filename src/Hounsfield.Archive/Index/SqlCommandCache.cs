using System.Data.Common;

namespace Hounsfield.Archive.Index;

/// <summary>
/// The commands of one long-lived connection (the index's writer), kept per SQL text: each is
/// prepared by the database once and then run again with new parameter values, where a new command
/// per statement would be parsed and planned every time.
/// </summary>
internal sealed class SqlCommandCache(SqlDialect dialect, DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/> with <paramref name="args"/> as $1, $2, …, in <paramref name="transaction"/>; owned by the cache.</summary>
    public DbCommand Get(string sql, object?[] args, DbTransaction transaction)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            for (var i = 0; i < args.Length; i++) command.Parameters[i].Value = args[i] ?? DBNull.Value;
        }
        else
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < args.Length; i++) dialect.AddParameter(command, i + 1, args[i]);
            _commands[sql] = command;
        }
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Forgets every command (the connection was reopened, or is closing).</summary>
    public void Clear()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
    }

    /// <inheritdoc/>
    public void Dispose() => Clear();
}
