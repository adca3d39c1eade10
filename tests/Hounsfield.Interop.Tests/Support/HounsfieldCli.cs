namespace Hounsfield.Interop.Tests.Support;

/// <summary>Runs the built command-line tool (src/Hounsfield.Cli) as `dotnet hounsfield.dll`.</summary>
public static class HounsfieldCli
{
    /// <summary>The built CLI, found by <see cref="Cli.DllPath"/>.</summary>
    public static string DllPath => Cli.DllPath;

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
        return PeerTool.Run("dotnet", [DllPath, .. arguments], TimeSpan.FromSeconds(120), isolated);
    }
}
