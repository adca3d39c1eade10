using System.Text.Json;
using System.Text.Json.Serialization;
using Hounsfield.Archive.Routing;

namespace Hounsfield.Cli.Commands;

/// <summary>Reads <see cref="RoutingOptions"/> from JSON (property names in any case, TimeSpan as "hh:mm:ss").</summary>
internal static class RoutingFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static RoutingOptions Read(FileInfo file)
    {
        try
        {
            return JsonSerializer.Deserialize<RoutingOptions>(File.ReadAllText(file.FullName), Options)
                ?? throw new CommandException($"{file.FullName}: empty routing settings");
        }
        catch (JsonException e)
        {
            throw new CommandException($"{file.FullName}: {e.Message}");
        }
    }
}
