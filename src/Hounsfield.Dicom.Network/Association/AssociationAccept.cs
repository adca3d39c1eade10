using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// The outcome of a successful negotiation (the A-ASSOCIATE response primitive with result
/// "accepted", PS3.8 §7.1.1): one result per proposed presentation context and the acceptor's
/// user information.
/// </summary>
public sealed class AssociationAccept
{
    internal AssociationAccept(AssociationRequest request, IReadOnlyList<PresentationContext> contexts, UserInformation userInformation)
    {
        Request = request;
        PresentationContexts = contexts;
        UserInformation = userInformation;
    }

    /// <summary>The request this answers.</summary>
    public AssociationRequest Request { get; }

    /// <summary>Every proposed context with its result, in request order.</summary>
    public IReadOnlyList<PresentationContext> PresentationContexts { get; }

    /// <summary>The acceptor's user information (its maximum length, implementation, role and extended negotiation replies).</summary>
    public UserInformation UserInformation { get; }

    /// <summary>Builds the A-ASSOCIATE-AC PDU. Rejected contexts repeat the first offered syntax, which PS3.8 says is not significant.</summary>
    internal AAssociateAc ToPdu()
    {
        var pdu = new AAssociateAc
        {
            CalledAETitle = Request.CalledAETitle,
            CallingAETitle = Request.CallingAETitle,
            ApplicationContextName = Request.ApplicationContextName,
            UserInformation = UserInformation,
        };
        foreach (var pc in PresentationContexts)
        {
            pdu.PresentationContexts.Add(new PresentationContextAcItem(
                pc.Id, pc.Result, pc.AcceptedTransferSyntaxUid ?? pc.TransferSyntaxes[0]));
        }
        return pdu;
    }

    /// <summary>
    /// Applies a received A-ASSOCIATE-AC to a copy of our proposed contexts (requestor side). A result
    /// for an ID we never proposed is ignored; a proposed context without a result, or accepted with a
    /// syntax we did not offer, counts as rejected so it is never used.
    /// </summary>
    internal static AssociationAccept FromPdu(AAssociateAc pdu, AssociationRequest request)
    {
        var contexts = new List<PresentationContext>(request.PresentationContexts.Count);
        foreach (var proposed in request.PresentationContexts)
        {
            var pc = new PresentationContext(proposed.Id, proposed.AbstractSyntax, proposed.TransferSyntaxes);
            PresentationContextAcItem? result = null;
            foreach (var item in pdu.PresentationContexts)
            {
                if (item.Id == pc.Id)
                {
                    result = item;
                    break;
                }
            }
            if (result is null)
            {
                pc.Result = PresentationContextResult.NoReason;
            }
            else if (result.Result == PresentationContextResult.Acceptance && !Contains(pc.TransferSyntaxes, result.TransferSyntax))
            {
                pc.Result = PresentationContextResult.TransferSyntaxesNotSupported;
            }
            else
            {
                pc.Result = result.Result;
                pc.AcceptedTransferSyntaxUid = result.Result == PresentationContextResult.Acceptance ? result.TransferSyntax : null;
            }
            ApplyRoles(pc, request.UserInformation, pdu.UserInformation);
            contexts.Add(pc);
        }
        return new AssociationAccept(request, contexts, pdu.UserInformation);
    }

    /// <summary>
    /// PS3.7 D.3.3.4: a role holds when the requestor proposed it and the acceptor's reply agrees;
    /// without a proposal, or without a reply, the requestor is SCU only.
    /// </summary>
    internal static void ApplyRoles(PresentationContext pc, UserInformation proposed, UserInformation reply)
    {
        var p = Find(proposed.RoleSelections, pc.AbstractSyntax);
        var r = Find(reply.RoleSelections, pc.AbstractSyntax);
        if (p is null || r is null)
        {
            pc.RequestorIsScu = true;
            pc.RequestorIsScp = false;
            return;
        }
        pc.RequestorIsScu = p.ScuRole && r.ScuRole;
        pc.RequestorIsScp = p.ScpRole && r.ScpRole;
    }

    internal static ScpScuRoleSelection? Find(List<ScpScuRoleSelection> roles, string sopClassUid)
    {
        foreach (var r in roles)
        {
            if (r.SopClassUid == sopClassUid) return r;
        }
        return null;
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var s in list)
        {
            if (s == value) return true;
        }
        return false;
    }
}
