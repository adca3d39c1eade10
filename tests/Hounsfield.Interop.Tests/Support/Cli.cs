namespace Hounsfield.Interop.Tests.Support;

/// <summary>Finds the repository and the built <c>hounsfield</c> CLI from the test binaries.</summary>
public static class Cli
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// src/Hounsfield.Cli/bin/CONFIG/net10.0/hounsfield.dll for the configuration these tests were
    /// built in (the project reference builds it), else the most recently built one.
    /// </summary>
    public static string DllPath { get; } = FindDll();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hounsfield.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Hounsfield.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string FindDll()
    {
        var bin = Path.Combine(RepositoryRoot, "src", "Hounsfield.Cli", "bin");
        // AppContext.BaseDirectory is .../tests/Hounsfield.Interop.Tests/bin/CONFIG/net10.0/
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name;
        var own = Path.Combine(bin, configuration ?? "Debug", "net10.0", "hounsfield.dll");
        if (File.Exists(own)) return own;
        var any = Directory.Exists(bin)
            ? Directory.GetFiles(bin, "hounsfield.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return any ?? throw new FileNotFoundException($"the hounsfield CLI is not built (looked for {own}); run dotnet build Hounsfield.slnx");
    }
}
