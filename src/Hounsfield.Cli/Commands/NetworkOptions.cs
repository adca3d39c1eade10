using System.CommandLine;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Cli.Commands;

/// <summary>
/// The options every network client command shares: calling AE, timeouts, TLS, PDU size. Each
/// setting comes from the command line, else the client configuration, else <c>$HOUNSFIELD_AET</c>
/// (the AE title only), else the defaults below (docs/cli.md names the conformance statement each comes from).
/// </summary>
internal sealed class NetworkOptions
{
    public const string DefaultAETitle = "HOUNSFIELD";
    public const double DefaultConnectTimeout = 10;
    public const double DefaultAssociationTimeout = 60;
    public const double DefaultDimseTimeout = 300;
    public const double DefaultReleaseTimeout = 10;

    private ClientConfiguration? _configuration;

    public Option<string?> Aet { get; } = new("--aet") { Description = $"Our (calling) AE title [default: client config, ${ClientConfiguration.AETitleVariable}, else {DefaultAETitle}]" };
    public Option<double?> ConnectTimeout { get; } = new("--connect-timeout") { Description = $"TCP connect timeout in seconds, 0 for none [default: {DefaultConnectTimeout}]" };
    public Option<double?> AssociationTimeout { get; } = new("--association-timeout") { Description = $"Seconds to wait for A-ASSOCIATE-AC/RJ (and the TLS handshake), 0 for none [default: {DefaultAssociationTimeout}]" };
    public Option<double?> Timeout { get; } = new("--timeout") { Description = $"DIMSE timeout in seconds: a peer silent that long is aborted; 0 for none [default: {DefaultDimseTimeout}]" };
    public Option<double?> ReleaseTimeout { get; } = new("--release-timeout") { Description = $"Seconds to wait for A-RELEASE-RP before aborting, 0 for none [default: {DefaultReleaseTimeout}]" };
    public Option<bool> Tls { get; } = new("--tls") { Description = "Use TLS (PS3.15 Annex B)" };
    public Option<FileInfo?> Cert { get; } = new("--cert") { Description = "Our certificate (PEM) for TLS" };
    public Option<FileInfo?> Key { get; } = new("--key") { Description = "Our private key (PEM) for TLS" };
    public Option<FileInfo?> Ca { get; } = new("--ca") { Description = "Trusted CA bundle (PEM) for TLS; without it the system store is used" };
    public Option<uint?> MaxPdu { get; } = new("--max-pdu") { Description = $"Largest PDU we receive, in bytes [default: {AssociationOptions.DefaultMaxPduLength}]" };

    /// <summary>The client configuration, read on first use (a command without network work never reads it).</summary>
    public ClientConfiguration Configuration => _configuration ??= ClientConfiguration.Load();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Aet, ConnectTimeout, AssociationTimeout, Timeout, ReleaseTimeout, Tls, Cert, Key, Ca, MaxPdu }) command.Options.Add(option);
    }

    /// <summary>A peer written <c>AET@HOST:PORT</c>, or the name of one in the client configuration.</summary>
    public DicomPeer Peer(string text)
    {
        if (Configuration.Peers.TryGetValue(text, out var named)) return named.Address;
        if (text.Contains('@')) return DicomPeer.Parse(text);
        throw new CommandException($"'{text}' is not a peer: write AET@HOST:PORT or a name from the client configuration's peers"
            + (Configuration.Path is { } path ? $" ({path})" : $" (none found: set ${ClientConfiguration.ConfigVariable} or write ~/.config/hounsfield/client.json)"));
    }

    /// <summary>The character set assumed for the responses of <paramref name="peer"/> (as written on the command line) that carry none: <paramref name="option"/>'s value, else the configured one.</summary>
    public string? FallbackCharset(ParseResult parse, string peer, Option<string?> option) =>
        parse.GetValue(option) is { Length: > 0 } given ? ClientConfiguration.FallbackCharset(given, option.Name)
        : Configuration.Peers.TryGetValue(peer, out var named) ? named.FallbackCharset : null;

    /// <summary>
    /// The client options for calling <paramref name="peer"/> (as written on the command line): TLS
    /// when <c>--tls</c> is given or the peer is named in the client configuration with <c>tls</c>;
    /// <c>--ca</c>, <c>--cert</c> and <c>--key</c> override the configured files.
    /// </summary>
    public DicomClientOptions ToClientOptions(ParseResult parse, string peer)
    {
        var options = new DicomClientOptions { CallingAETitle = parse.GetValue(Aet) ?? Configuration.AETitle ?? DefaultAETitle };
        var association = options.Association;
        association.ConnectTimeout = Seconds(parse, ConnectTimeout, Configuration.ConnectTimeout, DefaultConnectTimeout);
        association.AcseTimeout = Seconds(parse, AssociationTimeout, Configuration.AssociationTimeout, DefaultAssociationTimeout);
        association.DimseTimeout = Seconds(parse, Timeout, Configuration.DimseTimeout, DefaultDimseTimeout);
        association.ReleaseTimeout = Seconds(parse, ReleaseTimeout, Configuration.ReleaseTimeout, DefaultReleaseTimeout);
        association.MaxPduLength = parse.GetValue(MaxPdu) ?? Configuration.MaxPdu ?? AssociationOptions.DefaultMaxPduLength;
        var configured = Configuration.Peers.TryGetValue(peer, out var named) ? named.Tls : null;
        if (parse.GetValue(Tls) || configured is not null)
            association.Tls = DicomTlsClientOptions.FromPem(parse.GetValue(Ca)?.FullName ?? configured?.CertificateAuthorities,
                parse.GetValue(Cert)?.FullName ?? configured?.Certificate, parse.GetValue(Key)?.FullName ?? configured?.PrivateKey);
        return options;
    }

    /// <summary>
    /// TLS for a port we listen on while a command runs (<c>move --listen</c>), null without
    /// <c>--tls</c>: our certificate and key, and with <c>--ca</c> callers must present a certificate
    /// signed by it, as <c>serve --tls-port</c> does.
    /// </summary>
    public DicomTlsServerOptions? ToServerTls(ParseResult parse)
    {
        if (!parse.GetValue(Tls)) return null;
        if (parse.GetValue(Cert) is not { } certificate || parse.GetValue(Key) is not { } key)
            throw new CommandException("--tls with a listening port needs --cert and --key (the certificate the peer verifies)");
        var ca = parse.GetValue(Ca)?.FullName;
        var tls = DicomTlsServerOptions.FromPem(certificate.FullName, key.FullName, ca);
        tls.ClientVerification = ca is null ? TlsPeerVerification.None : TlsPeerVerification.Required;
        return tls;
    }

    // 0 is "no time-out", as the Philips and MedDream statements write it.
    private static TimeSpan Seconds(ParseResult parse, Option<double?> option, double? configured, double builtIn) =>
        (parse.GetValue(option) ?? configured ?? builtIn) switch
        {
            < 0 or double.NaN or double.PositiveInfinity => throw new CommandException($"{option.Name} must be 0 (no time-out) or a number of seconds"),
            0 => System.Threading.Timeout.InfiniteTimeSpan,
            var s => TimeSpan.FromSeconds(s),
        };
}
