using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// What an association-requestor proposes (the A-ASSOCIATE request primitive, PS3.8 §7.1.1):
/// AE titles, presentation contexts and user information (maximum length, implementation
/// identification, asynchronous window, roles, extended negotiation, user identity).
/// </summary>
public sealed class AssociationRequest
{
    private readonly List<PresentationContext> _contexts = [];

    /// <summary>Creates a request from <paramref name="callingAETitle"/> to <paramref name="calledAETitle"/>.</summary>
    public AssociationRequest(string callingAETitle, string calledAETitle)
    {
        CallingAETitle = AETitle.Validate(callingAETitle, nameof(callingAETitle));
        CalledAETitle = AETitle.Validate(calledAETitle, nameof(calledAETitle));
    }

    /// <summary>Our AE title.</summary>
    public string CallingAETitle { get; }

    /// <summary>The peer's AE title.</summary>
    public string CalledAETitle { get; }

    /// <summary>Where a received request came from (the requestor's address and port); null for requests we build.</summary>
    public System.Net.EndPoint? RemoteEndPoint { get; internal set; }

    /// <summary>Application context name; the DICOM application context unless testing.</summary>
    public string ApplicationContextName { get; set; } = DicomUid.DICOMApplicationContext.Value;

    /// <summary>Proposed presentation contexts, in ID order.</summary>
    public IReadOnlyList<PresentationContext> PresentationContexts => _contexts;

    /// <summary>
    /// User information to send. Maximum length, implementation class UID and version name are
    /// filled from <see cref="AssociationOptions"/> when the request is sent.
    /// </summary>
    public UserInformation UserInformation { get; private set; } = new();

    /// <summary>
    /// Adds a presentation context with the next free odd ID (1, 3, 5 … 255, PS3.8 §9.3.2.2) and
    /// returns it. Several contexts may carry the same abstract syntax with different syntaxes.
    /// </summary>
    public PresentationContext AddPresentationContext(string abstractSyntax, params IEnumerable<DicomTransferSyntax> transferSyntaxes)
    {
        var uids = new List<string>();
        foreach (var ts in transferSyntaxes) uids.Add(ts.Uid.Value);
        return AddPresentationContext(abstractSyntax, uids);
    }

    /// <summary>Adds a presentation context from transfer syntax UID strings.</summary>
    public PresentationContext AddPresentationContext(string abstractSyntax, IReadOnlyList<string> transferSyntaxUids)
    {
        if (_contexts.Count >= 128)
        {
            throw new InvalidOperationException("an association holds at most 128 presentation contexts (odd IDs 1–255)");
        }
        if (transferSyntaxUids.Count == 0)
        {
            throw new ArgumentException("a presentation context needs at least one transfer syntax", nameof(transferSyntaxUids));
        }
        var pc = new PresentationContext((byte)(_contexts.Count * 2 + 1), abstractSyntax, transferSyntaxUids);
        _contexts.Add(pc);
        return pc;
    }

    /// <summary>Proposes roles for a SOP class (PS3.7 D.3.3.4); replaces an earlier proposal for it.</summary>
    public void ProposeRoles(string sopClassUid, bool scuRole, bool scpRole)
    {
        UserInformation.RoleSelections.RemoveAll(r => r.SopClassUid == sopClassUid);
        UserInformation.RoleSelections.Add(new ScpScuRoleSelection(sopClassUid, scuRole, scpRole));
    }

    /// <summary>Builds the A-ASSOCIATE-RQ PDU.</summary>
    internal AAssociateRq ToPdu(AssociationOptions options)
    {
        var pdu = new AAssociateRq
        {
            CalledAETitle = CalledAETitle,
            CallingAETitle = CallingAETitle,
            ApplicationContextName = ApplicationContextName,
            UserInformation = UserInformation,
        };
        UserInformation.HasMaximumLength = true;
        UserInformation.MaximumLength = options.MaxPduLength;
        UserInformation.ImplementationClassUid ??= options.ImplementationClassUid;
        UserInformation.ImplementationVersionName ??= options.ImplementationVersionName;
        foreach (var pc in _contexts) pdu.PresentationContexts.Add(new PresentationContextRqItem(pc.Id, pc.AbstractSyntax, pc.TransferSyntaxes));
        return pdu;
    }

    /// <summary>The request a received A-ASSOCIATE-RQ carries.</summary>
    internal static AssociationRequest FromPdu(AAssociateRq pdu)
    {
        // Received titles are taken as sent: validation is for what we send, not a reason to drop a peer.
        var request = new AssociationRequest(pdu.CallingAETitle, pdu.CalledAETitle, validated: false)
        {
            ApplicationContextName = pdu.ApplicationContextName,
        };
        foreach (var pc in pdu.PresentationContexts)
        {
            request._contexts.Add(new PresentationContext(pc.Id, pc.AbstractSyntax, pc.TransferSyntaxes));
        }
        request.UserInformation = pdu.UserInformation;
        return request;
    }

    private AssociationRequest(string calling, string called, bool validated)
    {
        _ = validated;
        CallingAETitle = calling;
        CalledAETitle = called;
    }
}
