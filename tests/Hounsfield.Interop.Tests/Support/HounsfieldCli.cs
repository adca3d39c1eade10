namespace Hounsfield.Interop.Tests.Support;

/// <summary>Runs the built command-line tool (src/Hounsfield.Cli) as `dotnet hounsfield.dll`.</summary>
public static class HounsfieldCli
{
    public static string DllPath { get; } = Find();

    public static PeerResult Run(params string[] arguments) => PeerTool.Run("dotnet", [DllPath, .. arguments], TimeSpan.FromSeconds(120));

    private static string Find()
    {
        // The tests run from tests/Hounsfield.Interop.Tests/bin/<Configuration>/<framework>/; the CLI is built beside it.
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testDir.Name;
        var configuration = testDir.Parent!.Name;
        var root = testDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Hounsfield.slnx"))) root = root.Parent;
        Assert.True(root is not null, "Hounsfield.slnx not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(root!.FullName, "src", "Hounsfield.Cli", "bin", configuration, framework, "hounsfield.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build src/Hounsfield.Cli ({configuration})");
        return dll;
    }
}
