using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// A presentation context (PS3.8 §7.1.1.13, PS3.7 D.3.2): an abstract syntax, the transfer
/// syntaxes proposed for it and, after negotiation, the result and the one accepted transfer
/// syntax, plus the SCP/SCU roles agreed for its SOP class (PS3.7 D.3.3.4).
/// </summary>
public sealed class PresentationContext
{
    /// <summary>Creates a proposed context.</summary>
    public PresentationContext(byte id, string abstractSyntax, IEnumerable<string> transferSyntaxes)
    {
        Id = id;
        AbstractSyntax = abstractSyntax;
        TransferSyntaxes = [.. transferSyntaxes];
    }

    /// <summary>Presentation context ID, an odd number 1–255.</summary>
    public byte Id { get; }

    /// <summary>Abstract syntax (SOP class) UID.</summary>
    public string AbstractSyntax { get; }

    /// <summary>Transfer syntax UIDs offered by the requestor, in its order of preference.</summary>
    public IReadOnlyList<string> TransferSyntaxes { get; }

    /// <summary>Negotiation result; <see cref="PresentationContextResult.NoReason"/> until negotiated.</summary>
    public PresentationContextResult Result { get; internal set; } = PresentationContextResult.NoReason;

    /// <summary>True when the context was accepted.</summary>
    public bool IsAccepted => Result == PresentationContextResult.Acceptance;

    /// <summary>The accepted transfer syntax UID, or null when the context was not accepted.</summary>
    public string? AcceptedTransferSyntaxUid { get; internal set; }

    /// <summary>The accepted transfer syntax, or null when the context was not accepted.</summary>
    public DicomTransferSyntax? AcceptedTransferSyntax =>
        AcceptedTransferSyntaxUid is null ? null : DicomTransferSyntax.Get(AcceptedTransferSyntaxUid);

    /// <summary>
    /// True when the association-requestor may act as SCU on this context. Without role
    /// negotiation the requestor is SCU and the acceptor SCP (PS3.7 D.3.3.4).
    /// </summary>
    public bool RequestorIsScu { get; internal set; } = true;

    /// <summary>True when the association-requestor may act as SCP on this context (negotiated role reversal).</summary>
    public bool RequestorIsScp { get; internal set; }

    /// <summary>True when this side may issue DIMSE requests on this context.</summary>
    public bool CanActAsScu(bool isRequestor) => isRequestor ? RequestorIsScu : RequestorIsScp;

    /// <summary>True when this side may perform DIMSE requests received on this context.</summary>
    public bool CanActAsScp(bool isRequestor) => isRequestor ? RequestorIsScp : RequestorIsScu;

    /// <inheritdoc/>
    public override string ToString() =>
        $"[{Id}] {DicomUid.Lookup(AbstractSyntax).Name}: {Result}" +
        (AcceptedTransferSyntaxUid is null ? "" : $" ({DicomUid.Lookup(AcceptedTransferSyntaxUid).Name})");
}
