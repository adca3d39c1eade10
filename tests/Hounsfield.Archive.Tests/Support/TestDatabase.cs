using Hounsfield.Archive.Index;
using Npgsql;

namespace Hounsfield.Archive.Tests.Support;

/// <summary>
/// The index databases the archive tests run on: SQLite always, PostgreSQL when
/// HOUNSFIELD_TEST_POSTGRES holds a server's connection string (URI or Npgsql form) whose role may
/// create databases. Each PostgreSQL test gets a database of its own, dropped after.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly NpgsqlConnectionStringBuilder _server;

    private TestDatabase(NpgsqlConnectionStringBuilder server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    public static string? Server => Environment.GetEnvironmentVariable("HOUNSFIELD_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    /// <summary>The databases to run each test on.</summary>
    public static IEnumerable<string> All => Server is null ? [Sqlite] : [Sqlite, Postgres];

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A new empty database (fails when the server cannot be reached: a CI that set the variable must not skip).</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresDialect.ConnectionString(Server
            ?? throw new InvalidOperationException("HOUNSFIELD_TEST_POSTGRES is not set")));
        var database = new TestDatabase(server, $"hf_{Guid.NewGuid():N}");
        await database.ExecuteAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
