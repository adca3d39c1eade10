using System.CommandLine;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Cli.Commands;

/// <summary>The options every network client command shares: calling AE, timeouts, TLS, PDU size.</summary>
internal sealed class NetworkOptions
{
    public Option<string> Aet { get; } = new("--aet") { Description = "Our (calling) AE title", DefaultValueFactory = _ => "HOUNSFIELD" };
    public Option<double> Timeout { get; } = new("--timeout") { Description = "DIMSE timeout in seconds (connect 10 s, association 30 s)", DefaultValueFactory = _ => 60 };
    public Option<bool> Tls { get; } = new("--tls") { Description = "Use TLS (PS3.15 Annex B)" };
    public Option<FileInfo?> Cert { get; } = new("--cert") { Description = "Our certificate (PEM) for TLS" };
    public Option<FileInfo?> Key { get; } = new("--key") { Description = "Our private key (PEM) for TLS" };
    public Option<FileInfo?> Ca { get; } = new("--ca") { Description = "Trusted CA bundle (PEM) for TLS; without it the system store is used" };
    public Option<uint> MaxPdu { get; } = new("--max-pdu") { Description = "Largest PDU we receive, in bytes", DefaultValueFactory = _ => AssociationOptions.DefaultMaxPduLength };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Aet, Timeout, Tls, Cert, Key, Ca, MaxPdu }) command.Options.Add(option);
    }

    public DicomClientOptions ToClientOptions(ParseResult parse)
    {
        var options = new DicomClientOptions { CallingAETitle = parse.GetValue(Aet)! };
        options.Association.DimseTimeout = TimeSpan.FromSeconds(parse.GetValue(Timeout));
        options.Association.MaxPduLength = parse.GetValue(MaxPdu);
        if (parse.GetValue(Tls))
            options.Association.Tls = DicomTlsClientOptions.FromPem(parse.GetValue(Ca)?.FullName, parse.GetValue(Cert)?.FullName, parse.GetValue(Key)?.FullName);
        return options;
    }
}
