using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom.Network.Dimse;
using Npgsql;

namespace Hounsfield.Archive.Tests.Index;

public sealed class PostgresConnectionTests
{
    // The server closing every connection of the archive (restart, failover) costs at most the
    // stores in flight: the writer reconnects and later stores succeed.
    [PostgresFact]
    public async Task Stores_succeed_again_after_the_server_dropped_the_connections()
    {
        await using var archive = await ArchiveTestServer.StartAsync(TestDatabase.Postgres);
        Assert.Equal(DimseStatus.Success, (await archive.StoreAsync(ArchiveTestServer.Instance())).Status);
        await using (var admin = new NpgsqlConnection(archive.Options.Database))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            await kill.ExecuteNonQueryAsync();
        }
        var statuses = new List<DimseStatus>();
        do statuses.Add((await archive.StoreAsync(ArchiveTestServer.Instance())).Status);
        while (statuses[^1] != DimseStatus.Success && statuses.Count < 5);
        Assert.Equal(DimseStatus.Success, statuses[^1]);
        Assert.Equal(2L, (await archive.Server.Index.CountAsync()).Instances);
    }
}
