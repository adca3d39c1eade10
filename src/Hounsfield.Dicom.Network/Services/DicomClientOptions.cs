using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>A presentation context to propose: an abstract syntax, transfer syntaxes in our order of preference, and the roles we offer.</summary>
public sealed record PresentationContextProposal(string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes, bool ScuRole = true, bool ScpRole = false);

/// <summary>How a <see cref="DicomClient"/> connects and what it proposes.</summary>
public sealed class DicomClientOptions
{
    /// <summary>The transfer syntaxes proposed when none are given: Explicit then Implicit VR Little Endian.</summary>
    public static IReadOnlyList<string> DefaultTransferSyntaxes { get; } =
        [DicomTransferSyntax.ExplicitVRLittleEndian.Uid.Value, DicomTransferSyntax.ImplicitVRLittleEndian.Uid.Value];

    /// <summary>Our AE title, the Calling AE Title of the association (default HOUNSFIELD).</summary>
    public string CallingAETitle { get; set; } = "HOUNSFIELD";

    /// <summary>Timeouts (connect 10 s, association 30 s, DIMSE 60 s), maximum PDU length, TLS.</summary>
    public AssociationOptions Association { get; set; } = new();

    /// <summary>The presentation contexts to propose; Verification alone when empty.</summary>
    public List<PresentationContextProposal> PresentationContexts { get; } = [];

    /// <summary>Operations we may have outstanding at once (asynchronous operations window); 1 is synchronous.</summary>
    public int MaxOperations { get; set; } = 1;

    /// <summary>SOP Class Extended Negotiation sub-items to propose (PS3.7 D.3.3.5), e.g. relational queries; the peer's answers are in the association's accept.</summary>
    public List<SopClassExtendedNegotiation> ExtendedNegotiations { get; } = [];

    /// <summary>User identity to send in the A-ASSOCIATE-RQ (PS3.7 D.3.3.7), or null.</summary>
    public UserIdentityNegotiation? UserIdentity { get; set; }

    /// <summary>
    /// Answers requests the peer sends us on this association: C-STORE sub-operations of a C-GET,
    /// N-EVENT-REPORT of storage commitment. Without it such requests are refused.
    /// </summary>
    public DimseRequestHandler? IncomingRequestHandler { get; set; }

    /// <summary>
    /// Rewrites a file whose own transfer syntax the peer refused into one it accepted (e.g.
    /// decompressing); null sends only what needs no pixel codec. Hounsfield.Dicom.Codecs provides <c>DicomTranscoder.Default</c>.
    /// </summary>
    public IDicomTranscoder? Transcoder { get; set; }

    /// <summary>Where C-STORE data sets received on this association are written before the handler sees them (default: the system temp folder).</summary>
    public string? ReceiveDirectory { get; set; }

    /// <summary>Proposes <paramref name="abstractSyntax"/> with <paramref name="transferSyntaxes"/> (the defaults when none).</summary>
    public DicomClientOptions Propose(string abstractSyntax, params DicomTransferSyntax[] transferSyntaxes)
    {
        var ts = transferSyntaxes.Length == 0 ? DefaultTransferSyntaxes : transferSyntaxes.Select(t => t.Uid.Value).ToList();
        PresentationContexts.Add(new PresentationContextProposal(abstractSyntax, ts));
        return this;
    }

    /// <summary>
    /// Proposes what sending <paramref name="files"/> needs: one context per SOP class and transfer
    /// syntax found (that syntax alone, so the acceptor's own preference cannot turn it into a
    /// conversion), plus a fallback context per SOP class with the uncompressed syntaxes.
    /// </summary>
    public DicomClientOptions ProposeFor(IEnumerable<DicomFile> files)
    {
        var seen = new HashSet<(string, string)>();
        var classes = new HashSet<string>();
        foreach (var file in files)
        {
            var sopClass = file.Dataset.GetString(DicomTag.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTag.MediaStorageSOPClassUID);
            if (sopClass is null) continue;
            var ts = file.TransferSyntax.Uid.Value;
            if (seen.Add((sopClass, ts))) PresentationContexts.Add(new PresentationContextProposal(sopClass, [ts]));
            if (classes.Add(sopClass)) PresentationContexts.Add(new PresentationContextProposal(sopClass, DefaultTransferSyntaxes));
        }
        return this;
    }
}
