using System.Reflection;
using Xunit.Sdk;

namespace Hounsfield.Archive.Tests.Support;

/// <summary>Runs a theory once per index database (<see cref="TestDatabase.All"/>), the database name as its first argument.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => TestDatabase.All.Select(database => new object[] { database });
}
