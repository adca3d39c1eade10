using Hounsfield.Archive.Workflow;

namespace Hounsfield.Archive.Tests.Workflow;

public sealed class WorkflowDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hf-workflow-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Migrate_AppliesEachNamedMigrationOnce_AcrossReopens()
    {
        var path = Path.Combine(_folder, "workflow.sqlite");
        new WorkflowDatabase(path).Migrate("test-1", "CREATE TABLE items (id INTEGER PRIMARY KEY)");
        var reopened = new WorkflowDatabase(path);
        reopened.Migrate("test-1", "CREATE TABLE items (id INTEGER PRIMARY KEY)");
        reopened.Migrate("other-1", "CREATE TABLE others (id INTEGER PRIMARY KEY)");

        using var connection = reopened.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM migrations ORDER BY name)";
        Assert.Equal("other-1,test-1", command.ExecuteScalar());
    }

    [Fact]
    public void Migrate_FailingSql_RecordsNothing()
    {
        var database = new WorkflowDatabase(Path.Combine(_folder, "workflow.sqlite"));
        Assert.ThrowsAny<Exception>(() => database.Migrate("bad-1", "CREATE TABLE ok (id INTEGER); THIS IS NOT SQL"));
        database.Migrate("bad-1", "CREATE TABLE ok (id INTEGER)");
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM migrations";
        Assert.Equal(1L, command.ExecuteScalar());
    }
}
