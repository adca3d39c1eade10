using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Hounsfield.Archive.Access;
using Hounsfield.Archive.Coercion;
using Hounsfield.Archive.Index;
using Hounsfield.Archive.Routing;
using Hounsfield.Archive.StorageCommitment;
using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Archive.Configuration;

/// <summary>
/// Reads the JSON configuration file onto <see cref="ArchiveOptions"/>: every public settable
/// property binds by name, so a section added to ArchiveOptions is configurable with no change
/// here. Comments and trailing commas are allowed, names are case-insensitive, enums are written
/// as their names; an unknown key or a bad value is an error naming the key and the line.
/// </summary>
public static partial class ArchiveConfiguration
{
    // Every enum the file can hold. ArchiveConfigurationTests checks that none reachable from
    // ArchiveOptions is missing (a missing one would be read as a number only). Declared before
    // SerializerOptions, which is built from it.
    private static readonly JsonConverter[] EnumConverters =
    [
        new NamedEnumConverter<DuplicatePolicy>(), new NamedEnumConverter<ArchiveService>(), new NamedEnumConverter<CharacterSetCoercion>(),
        new NamedEnumConverter<StorageCommitmentReportAssociation>(), new NamedEnumConverter<TlsPeerVerification>(),
    ];

    /// <summary>The serializer settings of the configuration file.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="ArchiveConfigurationException">Unreadable, unknown key, bad value or inconsistent settings.</exception>
    public static ArchiveOptions Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArchiveConfigurationException($"{path}: {e.Message}", e);
        }
        return Parse(json, path);
    }

    /// <summary>Reads and checks configuration text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ArchiveConfigurationException">Unknown key, bad value or inconsistent settings.</exception>
    public static ArchiveOptions Parse(string json, string source = "configuration")
    {
        var options = Deserialize<ArchiveOptions>(json, source);
        var problems = Check(options);
        if (problems.Count > 0) throw new ArchiveConfigurationException($"{source}: {string.Join("; ", problems)}");
        return options;
    }

    /// <summary>
    /// Reads the routing settings alone (the <c>Routing</c> section's keys, e.g. a file given to
    /// <c>serve --routing</c>); <paramref name="source"/> names it in errors.
    /// </summary>
    /// <exception cref="ArchiveConfigurationException">Unknown key or bad value.</exception>
    public static RoutingOptions ParseRouting(string json, string source = "routing") =>
        Deserialize<RoutingOptions>(json, source);

    // T is one of ArchiveJsonContext's types: its generated metadata, bound to these options.
    private static T Deserialize<T>(string json, string source)
    {
        try
        {
            var info = (JsonTypeInfo<T>)SerializerOptions.GetTypeInfo(typeof(T));
            return JsonSerializer.Deserialize(json, info)
                ?? throw new ArchiveConfigurationException($"{source}: the file holds null, not an object");
        }
        catch (JsonException e)
        {
            throw new ArchiveConfigurationException($"{source}{Where(e)}: {Describe(e)}", e);
        }
    }

    /// <summary>What is inconsistent in <paramref name="options"/> (empty when nothing).</summary>
    public static List<string> Check(ArchiveOptions options)
    {
        var problems = new List<string>();
        var network = options.Network;
        if (!ValidAETitle(network.AETitle)) problems.Add($"Network.AETitle '{network.AETitle}' is not an AE title (1 to 16 characters, no backslash)");
        if (network.Tls is { } tls && (tls.Certificate.Length == 0 || tls.PrivateKey.Length == 0)) problems.Add("Network.Tls needs Certificate and PrivateKey");
        foreach (var (name, ae) in options.RemoteAEs)
        {
            if (!ValidAETitle(ae.AETitle ?? name)) problems.Add($"RemoteAEs.{name}: '{ae.AETitle ?? name}' is not an AE title");
            if (string.IsNullOrWhiteSpace(ae.Host)) problems.Add($"RemoteAEs.{name}.Host is missing");
            if (ae.Port is < 1 or > 65535) problems.Add($"RemoteAEs.{name}.Port {ae.Port} is not a TCP port");
            if (ae.Tls && network.Tls is null) problems.Add($"RemoteAEs.{name}.Tls needs the Network.Tls section (our certificate)");
        }
        for (var i = 0; i < options.Access.Rules.Count; i++)
        {
            if (options.Access.Rules[i].Network is not { } text) continue;
            try
            {
                ServiceAccess.ParseNetwork(text);
            }
            catch (FormatException e)
            {
                problems.Add($"Access.Rules[{i}].Network: {e.Message}");
            }
        }
        return problems;
    }

    private static bool ValidAETitle(string title) => title.Trim().Length is > 0 and <= 16 && !title.Contains('\\') && !title.Any(char.IsControl);

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            WriteIndented = true,
            TypeInfoResolver = ArchiveJsonContext.Default.WithAddedModifier(PopulateGetterOnlyCollections),
        };
        foreach (var converter in EnumConverters) options.Converters.Add(converter);
        options.MakeReadOnly();
        return options;
    }

    // A collection exposed without a setter (e.g. ArchiveOptions.Peers) is filled in place rather than skipped.
    private static void PopulateGetterOnlyCollections(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
        {
            if (property.Set is null && property.Get is not null && property.PropertyType != typeof(string)
                && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ObjectCreationHandling = JsonObjectCreationHandling.Populate;
            }
        }
    }

    private static string Where(JsonException e) =>
        e.LineNumber is { } line ? $" line {line + 1}" : "";

    private static string Describe(JsonException e)
    {
        var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        if (UnmappedProperty().Match(e.Message) is { Success: true } unmapped)
            return $"unknown key '{unmapped.Groups[1].Value}'{(path.Length > 0 ? $" (at {path})" : "")}";
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        if (NotConverted().Match(message) is { Success: true } m) message = Expected(m.Groups[1].Value);
        return path.Length > 0 ? $"bad value for {path}: {message}" : message;
    }

    // What a value of the named .NET type is written as in the file.
    private static string Expected(string typeName)
    {
        var inner = NullableOf().Match(typeName) is { Success: true } n ? n.Groups[1].Value : typeName;
        if (EnumConverters.OfType<INamedEnumConverter>().FirstOrDefault(c => c.EnumType.FullName == inner) is { } named)
            return $"not one of {string.Join(", ", Enum.GetNames(named.EnumType))}";
        return inner switch
        {
            "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" => "expected a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "expected a number",
            "System.Boolean" => "expected true or false",
            "System.TimeSpan" => "expected a duration written \"hh:mm:ss\"",
            "System.String" => "expected a string",
            _ when inner.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "expected a list [ ... ]",
            _ when inner.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) => "expected an object { ... }",
            _ => $"expected a value of type {inner}",
        };
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.?(\s|$)")]
    private static partial Regex NotConverted();

    [GeneratedRegex(@"Nullable`1\[\[?([^,\]]+)")]
    private static partial Regex NullableOf();
}
