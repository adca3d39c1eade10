namespace Hounsfield.Archive.Tests.Support;

/// <summary>A test of PostgreSQL-only behaviour (servers sharing one index): skipped unless HOUNSFIELD_TEST_POSTGRES is set, failing when it is set and the server is unreachable.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.Server is null) Skip = "HOUNSFIELD_TEST_POSTGRES is not set";
    }
}
