using System.Net;
using Hounsfield.Dicom.Network.Security;

namespace Hounsfield.Dicom.Network;

/// <summary>What a <see cref="DicomHost"/> listens on and how it negotiates.</summary>
public sealed class DicomHostOptions
{
    /// <summary>Rewrites a C-GET sub-operation's file into a syntax the requestor accepted when it refused the stored one; null sends only what needs no pixel codec.</summary>
    public IDicomTranscoder? Transcoder { get; set; }

    /// <summary>Our AE title (default HOUNSFIELD). Associations calling another title are rejected.</summary>
    public string AETitle { get; set; } = "HOUNSFIELD";

    /// <summary>Accept any Called AE Title instead of only <see cref="AETitle"/>.</summary>
    public bool AcceptAnyCalledAETitle { get; set; }

    /// <summary>Calling AE titles allowed to associate; empty allows any.</summary>
    public HashSet<string> AllowedCallingAETitles { get; } = new(StringComparer.Ordinal);

    /// <summary>Screens each association request (see <see cref="AcceptorPolicy.RequestFilter"/>); null admits all.</summary>
    public Func<AssociationRequest, AssociationRejection?>? AssociationFilter { get; set; }

    /// <summary>Allows or refuses each presentation context by abstract syntax and our role (see <see cref="AcceptorPolicy.ContextFilter"/>); null allows all.</summary>
    public Func<AssociationRequest, string, DicomRole, bool>? PresentationContextFilter { get; set; }

    /// <summary>The plain DICOM port (default 11112; 0 picks a free one). Null for none.</summary>
    public int? Port { get; set; } = 11112;

    /// <summary>The address to listen on (default all IPv4 addresses).</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Any;

    /// <summary>A TLS port, with <see cref="Tls"/>; null for none.</summary>
    public int? TlsPort { get; set; }

    /// <summary>Server certificate, trusted CAs and client verification for the TLS port.</summary>
    public DicomTlsServerOptions? Tls { get; set; }

    /// <summary>Association limits and per-association options (timeouts, maximum PDU length).</summary>
    public DicomListenerOptions Listener { get; set; } = new();

    /// <summary>Transfer syntaxes accepted for non-storage services, in our order of preference.</summary>
    public List<DicomTransferSyntax> TransferSyntaxes { get; } =
        [DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRBigEndian];

    /// <summary>Operations a peer may have outstanding at once on one association (asynchronous operations window); 0 is unlimited.</summary>
    public int MaxOperations { get; set; } = 16;

    /// <summary>
    /// How long an established association may stay silent before it is aborted: no PDU from the
    /// peer while none of its requests is being handled, or in the middle of a message.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Discard received C-STORE data sets instead of streaming them to a file (the handler sees no
    /// <c>File</c>); for benchmarks and relays that only count, like DCMTK's <c>storescp --ignore</c>.
    /// </summary>
    public bool DiscardStoreData { get; set; }

    /// <summary>Where received C-STORE data sets are streamed before their handler runs (default: the system temp folder).</summary>
    public string? ReceiveDirectory { get; set; }

    /// <summary>Receives one line per notable event (associations, rejections, failures).</summary>
    public Action<string>? Log { get; set; }
}
