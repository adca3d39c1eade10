namespace Hounsfield.Interop.Tests.Support;

/// <summary>Runs the built command-line tool (src/Hounsfield.Cli) as `dotnet hounsfield.dll`.</summary>
public static class HounsfieldCli
{
    /// <summary>The built CLI, found by <see cref="Cli.DllPath"/>.</summary>
    public static string DllPath => Cli.DllPath;

    public static PeerResult Run(params string[] arguments) => PeerTool.Run("dotnet", [DllPath, .. arguments], TimeSpan.FromSeconds(120));
}
