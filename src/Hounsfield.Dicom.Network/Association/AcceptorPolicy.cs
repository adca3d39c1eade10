using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// What an acceptor agrees to: its AE titles, the calling AE titles it knows, and for each SOP
/// class (abstract syntax) and role the transfer syntaxes it accepts, in its own order of
/// preference. <see cref="Negotiate"/> turns an A-ASSOCIATE-RQ into an accept or a rejection.
/// </summary>
public sealed class AcceptorPolicy
{
    private readonly Dictionary<(string AbstractSyntax, DicomRole Role), string[]> _capabilities = [];

    /// <summary>AE titles we answer to. Empty means any called AE title is accepted.</summary>
    public HashSet<string> CalledAETitles { get; } = new(StringComparer.Ordinal);

    /// <summary>Calling AE titles we recognize. Empty means any calling AE title is accepted.</summary>
    public HashSet<string> CallingAETitles { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Screens a request whose AE titles and application context passed: a rejection refuses the
    /// whole association (e.g. a calling AE or address allowed no service at all). Null admits all.
    /// </summary>
    public Func<AssociationRequest, AssociationRejection?>? RequestFilter { get; set; }

    /// <summary>
    /// Decides per presentation context whether the requestor may use an abstract syntax with us
    /// playing the given role; a context refused here is answered with user-rejection (1). Null allows all.
    /// </summary>
    public Func<AssociationRequest, string, DicomRole, bool>? ContextFilter { get; set; }

    /// <summary>
    /// Decides on a User Identity sub-item. Null ignores identities (no response is sent, which
    /// PS3.7 allows; the requestor then decides whether to go on).
    /// </summary>
    public Func<UserIdentityNegotiation, AssociationRequest, UserIdentityVerdict>? UserIdentityValidator { get; set; }

    /// <summary>
    /// Answers a SOP Class Extended Negotiation sub-item for an accepted SOP class: returns the
    /// application information to send back, or null to send no reply (not supported).
    /// </summary>
    public Func<SopClassExtendedNegotiation, byte[]?>? ExtendedNegotiationResponder { get; set; }

    /// <summary>
    /// The asynchronous operations window we can support; null means synchronous only, and no
    /// window sub-item is sent back (PS3.7 D.3.3.3 defaults to 1/1).
    /// </summary>
    public AsynchronousOperationsWindow? AsynchronousOperationsWindow { get; set; }

    /// <summary>
    /// Accepts <paramref name="abstractSyntax"/> in <paramref name="role"/> (the role WE play) with
    /// these transfer syntaxes, listed in our order of preference. Replaces an earlier entry.
    /// </summary>
    public AcceptorPolicy Accept(string abstractSyntax, DicomRole role, params IEnumerable<DicomTransferSyntax> transferSyntaxes)
    {
        var uids = new List<string>();
        foreach (var ts in transferSyntaxes) uids.Add(ts.Uid.Value);
        if (uids.Count == 0) throw new ArgumentException("at least one transfer syntax is needed", nameof(transferSyntaxes));
        _capabilities[(abstractSyntax, role)] = [.. uids];
        return this;
    }

    /// <summary>Accepts <paramref name="abstractSyntax"/> as SCP (the usual acceptor role).</summary>
    public AcceptorPolicy Accept(string abstractSyntax, params IEnumerable<DicomTransferSyntax> transferSyntaxes) =>
        Accept(abstractSyntax, DicomRole.Scp, transferSyntaxes);

    /// <summary>Our transfer syntaxes for an abstract syntax and role, best first; null when not supported.</summary>
    public IReadOnlyList<string>? GetTransferSyntaxes(string abstractSyntax, DicomRole role) =>
        _capabilities.GetValueOrDefault((abstractSyntax, role));

    /// <summary>
    /// Negotiates <paramref name="request"/>: AE titles and application context first (whole
    /// association), then each presentation context and role, then user identity, extended
    /// negotiation and the asynchronous window. Pure: no I/O, no limits (those are the listener's).
    /// </summary>
    public AssociationNegotiationResult Negotiate(AssociationRequest request, AssociationOptions options)
    {
        if (CalledAETitles.Count > 0 && !CalledAETitles.Contains(request.CalledAETitle))
        {
            return new(AssociationRejection.CalledAETitleNotRecognized);
        }
        if (CallingAETitles.Count > 0 && !CallingAETitles.Contains(request.CallingAETitle))
        {
            return new(AssociationRejection.CallingAETitleNotRecognized);
        }
        if (request.ApplicationContextName != DicomUid.DICOMApplicationContext.Value)
        {
            return new(AssociationRejection.ApplicationContextNameNotSupported);
        }
        if (RequestFilter?.Invoke(request) is { } screened)
        {
            return new(screened);
        }

        var proposed = request.UserInformation;
        var reply = new UserInformation
        {
            MaximumLength = options.MaxPduLength,
            ImplementationClassUid = options.ImplementationClassUid,
            ImplementationVersionName = options.ImplementationVersionName,
        };

        if (proposed.UserIdentity is { } identity && UserIdentityValidator is not null)
        {
            var verdict = UserIdentityValidator(identity, request);
            if (!verdict.Accepted) return new(AssociationRejection.NoReasonGiven);
            if (identity.PositiveResponseRequested && verdict.ServerResponse is not null)
            {
                reply.UserIdentityResponse = new UserIdentityServerResponse(verdict.ServerResponse);
            }
        }

        var contexts = new List<PresentationContext>(request.PresentationContexts.Count);
        var acceptedSopClasses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var offered in request.PresentationContexts)
        {
            var pc = new PresentationContext(offered.Id, offered.AbstractSyntax, offered.TransferSyntaxes);
            NegotiateContext(request, pc, proposed, reply);
            if (pc.IsAccepted) acceptedSopClasses.Add(pc.AbstractSyntax);
            contexts.Add(pc);
        }

        if (ExtendedNegotiationResponder is not null)
        {
            foreach (var ext in proposed.ExtendedNegotiations)
            {
                if (!acceptedSopClasses.Contains(ext.SopClassUid)) continue;
                var info = ExtendedNegotiationResponder(ext);
                if (info is not null) reply.ExtendedNegotiations.Add(new SopClassExtendedNegotiation(ext.SopClassUid, info));
            }
        }

        if (proposed.AsynchronousOperationsWindow is { } asked && AsynchronousOperationsWindow is { } ours)
        {
            reply.AsynchronousOperationsWindow = new AsynchronousOperationsWindow(
                MinWindow(asked.MaxOperationsInvoked, ours.MaxOperationsInvoked),
                MinWindow(asked.MaxOperationsPerformed, ours.MaxOperationsPerformed));
        }

        return new(new AssociationAccept(request, contexts, reply));
    }

    /// <summary>Window sizes where 0 means unlimited: the smaller limit wins.</summary>
    private static ushort MinWindow(ushort a, ushort b) => a == 0 ? b : b == 0 ? a : Math.Min(a, b);

    private void NegotiateContext(AssociationRequest request, PresentationContext pc, UserInformation proposed, UserInformation reply)
    {
        // PS3.8 §9.3.2.2: context IDs are odd; an even one is refused rather than trusted.
        if ((pc.Id & 1) == 0)
        {
            pc.Result = PresentationContextResult.NoReason;
            return;
        }

        // Without a role selection item the requestor is SCU and we are SCP (PS3.7 D.3.3.4).
        var roleProposal = AssociationAccept.Find(proposed.RoleSelections, pc.AbstractSyntax);
        var requestorScu = roleProposal?.ScuRole ?? true;
        var requestorScp = roleProposal?.ScpRole ?? false;
        var asScp = requestorScu && Allowed(request, pc.AbstractSyntax, DicomRole.Scp) ? GetTransferSyntaxes(pc.AbstractSyntax, DicomRole.Scp) : null;
        var asScu = requestorScp && Allowed(request, pc.AbstractSyntax, DicomRole.Scu) ? GetTransferSyntaxes(pc.AbstractSyntax, DicomRole.Scu) : null;

        if (asScp is null && asScu is null)
        {
            var knownInSomeRole = GetTransferSyntaxes(pc.AbstractSyntax, DicomRole.Scp) is not null
                || GetTransferSyntaxes(pc.AbstractSyntax, DicomRole.Scu) is not null;
            pc.Result = knownInSomeRole ? PresentationContextResult.UserRejection : PresentationContextResult.AbstractSyntaxNotSupported;
            return;
        }

        // Our order decides: the first of OUR syntaxes that the requestor offered wins.
        var chosen = FirstOffered(asScp, pc.TransferSyntaxes) ?? FirstOffered(asScu, pc.TransferSyntaxes);
        if (chosen is null)
        {
            pc.Result = PresentationContextResult.TransferSyntaxesNotSupported;
            return;
        }
        pc.Result = PresentationContextResult.Acceptance;
        pc.AcceptedTransferSyntaxUid = chosen;
        pc.RequestorIsScu = asScp is not null && FirstOffered(asScp, pc.TransferSyntaxes) == chosen;
        pc.RequestorIsScp = asScu is not null && FirstOffered(asScu, pc.TransferSyntaxes) is not null;

        if (roleProposal is not null && AssociationAccept.Find(reply.RoleSelections, pc.AbstractSyntax) is null)
        {
            reply.RoleSelections.Add(new ScpScuRoleSelection(pc.AbstractSyntax, pc.RequestorIsScu, pc.RequestorIsScp));
        }
    }

    private bool Allowed(AssociationRequest request, string abstractSyntax, DicomRole role) =>
        ContextFilter?.Invoke(request, abstractSyntax, role) ?? true;

    private static string? FirstOffered(IReadOnlyList<string>? ours, IReadOnlyList<string> offered)
    {
        if (ours is null) return null;
        foreach (var candidate in ours)
        {
            foreach (var o in offered)
            {
                if (o == candidate) return candidate;
            }
        }
        return null;
    }
}
