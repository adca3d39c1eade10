using Hounsfield.Archive.Configuration;
using Hounsfield.Archive.Routing;

namespace Hounsfield.Cli.Commands;

/// <summary>Reads <see cref="RoutingOptions"/> from a JSON file, with the configuration file's rules (<see cref="ArchiveConfiguration.ParseRouting"/>).</summary>
internal static class RoutingFile
{
    public static RoutingOptions Read(FileInfo file)
    {
        try
        {
            return ArchiveConfiguration.ParseRouting(File.ReadAllText(file.FullName), file.FullName);
        }
        catch (Exception e) when (e is ArchiveConfigurationException or IOException or UnauthorizedAccessException)
        {
            throw new CommandException(e is ArchiveConfigurationException ? e.Message : $"{file.FullName}: {e.Message}");
        }
    }
}
