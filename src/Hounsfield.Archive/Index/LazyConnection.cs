using System.Data.Common;

namespace Hounsfield.Archive.Index;

/// <summary>A connection opened on first use only.</summary>
internal sealed class LazyConnection(SqlDialect dialect) : IAsyncDisposable
{
    private DbConnection? _connection;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null) return _connection;
        var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return _connection = connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
