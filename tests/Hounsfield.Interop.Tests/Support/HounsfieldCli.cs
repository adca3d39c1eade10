using System.Diagnostics;

namespace Hounsfield.Interop.Tests.Support;

/// <summary>
/// Runs the command-line tool: the executable <c>$HOUNSFIELD_CLI</c> names when set (<c>.ci/run</c>
/// points it at the Native AOT build, which is how the command is installed), else the built
/// src/Hounsfield.Cli as <c>dotnet hounsfield.dll</c>.
/// </summary>
public static class HounsfieldCli
{
    private static readonly string? Published = Environment.GetEnvironmentVariable("HOUNSFIELD_CLI") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>The built CLI, found by <see cref="Cli.DllPath"/>.</summary>
    public static string DllPath => Cli.DllPath;

    /// <summary>The program to start: the published executable, or the dotnet host.</summary>
    public static string Program => Published ?? (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet");

    /// <summary>The program's arguments for the command line <paramref name="arguments"/>.</summary>
    public static string[] Arguments(params string[] arguments) => Published is null ? [DllPath, .. arguments] : arguments;

    /// <summary>Starts the CLI in the background with its output captured (e.g. <c>serve</c>).</summary>
    internal static DcmtkProcess Start(params string[] arguments) =>
        DcmtkProcess.StartProgram(Program, "hounsfield " + arguments[0], Arguments(arguments));

    /// <summary>A start description for tests that watch the process themselves (memory, exit code, raw output).</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Arguments(arguments)) start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>Runs the CLI with no client configuration: neither the user's file nor their $HOUNSFIELD_AET reaches a test.</summary>
    public static PeerResult Run(params string[] arguments) => RunWith(new Dictionary<string, string?>(), arguments);

    /// <summary>
    /// Runs the CLI with <paramref name="environment"/> added to an environment cleared of the client
    /// configuration variables (<c>$XDG_CONFIG_HOME</c> points at a folder that does not exist).
    /// </summary>
    public static PeerResult RunWith(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var isolated = new Dictionary<string, string?>
        {
            ["HOUNSFIELD_AET"] = null,
            ["HOUNSFIELD_CLIENT_CONFIG"] = null,
            ["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "hounsfield-tests-no-client-config"),
        };
        foreach (var (name, value) in environment) isolated[name] = value;
        return PeerTool.Run(Program, Arguments(arguments), TimeSpan.FromSeconds(120), isolated);
    }
}
