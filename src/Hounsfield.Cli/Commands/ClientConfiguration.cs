using System.Text.Json;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// The client tools' settings configured once: <c>$HOUNSFIELD_CLIENT_CONFIG</c>, else
/// <c>$XDG_CONFIG_HOME/hounsfield/client.json</c> (<c>~/.config/...</c>) when it exists, then
/// <c>$HOUNSFIELD_AET</c> below the file. The command line overrides both (<see cref="NetworkOptions"/>).
/// </summary>
internal sealed class ClientConfiguration
{
    public const string ConfigVariable = "HOUNSFIELD_CLIENT_CONFIG";
    public const string AETitleVariable = "HOUNSFIELD_AET";

    /// <summary>The file read, or null when there is none.</summary>
    public string? Path { get; private init; }

    public string? AETitle { get; private set; }
    public double? ConnectTimeout { get; private set; }
    public double? AssociationTimeout { get; private set; }
    public double? DimseTimeout { get; private set; }
    public double? ReleaseTimeout { get; private set; }
    public uint? MaxPdu { get; private set; }
    public Dictionary<string, ClientPeer> Peers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ClientConfiguration Load()
    {
        var path = FindFile();
        var configuration = new ClientConfiguration { Path = path };
        if (path is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                configuration.Read(document.RootElement);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new CommandException($"client configuration {path}: {e.Message}");
            }
        }
        if (configuration.AETitle is null && Environment.GetEnvironmentVariable(AETitleVariable) is { Length: > 0 } aet)
            configuration.AETitle = CheckAETitle(aet, $"${AETitleVariable}");
        return configuration;
    }

    private static string? FindFile()
    {
        if (Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } given)
            return File.Exists(given) ? given : throw new CommandException($"${ConfigVariable} names {given}, which does not exist");
        var home = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        var path = System.IO.Path.Combine(home, "hounsfield", "client.json");
        return File.Exists(path) ? path : null;
    }

    private void Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the file must hold one JSON object");
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "aet": AETitle = CheckAETitle(property.Value.GetString() ?? "", "aet"); break;
                case "connecttimeout": ConnectTimeout = Seconds(property); break;
                case "associationtimeout": AssociationTimeout = Seconds(property); break;
                case "dimsetimeout": DimseTimeout = Seconds(property); break;
                case "releasetimeout": ReleaseTimeout = Seconds(property); break;
                case "maxpdu": MaxPdu = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetUInt32(out var pdu) ? pdu : throw new FormatException("maxPdu must be a number of bytes"); break;
                case "peers": ReadPeers(property.Value); break;
                default: throw new FormatException($"unknown setting '{property.Name}' (aet, connectTimeout, associationTimeout, dimseTimeout, releaseTimeout, maxPdu, peers)");
            }
        }
    }

    private void ReadPeers(JsonElement peers)
    {
        foreach (var peer in peers.EnumerateObject())
        {
            // "name": "AET@HOST:PORT", or "name": { "address": "AET@HOST:PORT", "fallbackCharset": "ISO_IR 100", "tls": ... }
            string? address = null, fallback = null;
            ClientPeerTls? tls = null;
            if (peer.Value.ValueKind == JsonValueKind.String) address = peer.Value.GetString();
            else
                foreach (var setting in peer.Value.EnumerateObject())
                {
                    switch (setting.Name.ToLowerInvariant())
                    {
                        case "address": address = setting.Value.GetString(); break;
                        case "fallbackcharset": fallback = FallbackCharset(setting.Value.GetString() ?? "", $"peers.{peer.Name}.fallbackCharset"); break;
                        case "tls": tls = ReadTls(setting.Value, $"peers.{peer.Name}.tls"); break;
                        default: throw new FormatException($"peers.{peer.Name}: unknown setting '{setting.Name}' (address, fallbackCharset, tls)");
                    }
                }
            if (address is null) throw new FormatException($"peers.{peer.Name} has no address (AET@HOST:PORT)");
            Peers[peer.Name] = new ClientPeer(DicomPeer.Parse(address), fallback, tls);
        }
    }

    // "tls": true (the system's trusted CAs, no certificate of ours), false, or
    // { "ca": "ca.pem", "cert": "me.pem", "key": "me.key" } with paths relative to this file.
    private ClientPeerTls? ReadTls(JsonElement tls, string source)
    {
        if (tls.ValueKind is JsonValueKind.True or JsonValueKind.False) return tls.GetBoolean() ? new ClientPeerTls(null, null, null) : null;
        if (tls.ValueKind != JsonValueKind.Object) throw new FormatException($"{source} must be true, false or an object with ca, cert and key");
        string? ca = null, cert = null, key = null;
        foreach (var file in tls.EnumerateObject())
        {
            var path = System.IO.Path.GetFullPath(file.Value.GetString() ?? "", System.IO.Path.GetDirectoryName(Path)!);
            switch (file.Name.ToLowerInvariant())
            {
                case "ca": ca = path; break;
                case "cert": cert = path; break;
                case "key": key = path; break;
                default: throw new FormatException($"{source}: unknown setting '{file.Name}' (ca, cert, key)");
            }
        }
        if ((cert is null) != (key is null)) throw new FormatException($"{source}: cert and key go together");
        return new ClientPeerTls(ca, cert, key);
    }

    private static double Seconds(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Number && property.Value.GetDouble() is var s && s >= 0 ? s : throw new FormatException($"{property.Name} must be 0 (no time-out) or a number of seconds");

    private static string CheckAETitle(string value, string source) =>
        value.Trim().Length is > 0 and <= 16 && !value.Contains('\\') ? value.Trim() : throw new FormatException($"{source} '{value}' is not an AE title (1 to 16 characters, no backslash)");

    /// <summary>A Specific Character Set value, one or more defined terms separated by backslashes.</summary>
    public static string FallbackCharset(string value, string source) =>
        DicomCharacterSet.FromSpecificCharacterSet(value).Warnings.Count == 0 ? value : throw new FormatException($"{source} '{value}' is not a Specific Character Set term");
}
