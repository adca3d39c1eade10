using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network.Tests.Association;

/// <summary><see cref="AcceptorPolicy.Negotiate"/> without sockets.</summary>
public class NegotiationTests
{
    private static readonly AssociationOptions Options = new();

    private static AcceptorPolicy Policy() => new AcceptorPolicy()
        .Accept(DicomUid.Verification.Value, DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian)
        .Accept(DicomUid.CTImageStorage.Value, DicomTransferSyntax.ExplicitVRLittleEndian);

    [Fact]
    public void OurPriorityWins_NotTheRequestorsOrder()
    {
        var rq = new AssociationRequest("SCU", "SCP");
        rq.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRLittleEndian);
        var pc = Assert.Single(Policy().Negotiate(rq, Options).Accept!.PresentationContexts);
        Assert.Equal(PresentationContextResult.Acceptance, pc.Result);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, pc.AcceptedTransferSyntax);
    }

    [Fact]
    public void PerContextResults()
    {
        var rq = new AssociationRequest("SCU", "SCP");
        rq.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        rq.AddPresentationContext(DicomUid.MRImageStorage.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        rq.AddPresentationContext(DicomUid.CTImageStorage.Value, DicomTransferSyntax.Get(DicomUid.JPEGBaseline8Bit.Value));
        var contexts = Policy().Negotiate(rq, Options).Accept!.PresentationContexts;
        Assert.Equal(PresentationContextResult.Acceptance, contexts[0].Result);
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, contexts[0].AcceptedTransferSyntax);
        Assert.Equal(PresentationContextResult.AbstractSyntaxNotSupported, contexts[1].Result);
        Assert.Null(contexts[1].AcceptedTransferSyntaxUid);
        Assert.Equal(PresentationContextResult.TransferSyntaxesNotSupported, contexts[2].Result);
        Assert.Equal([1, 3, 5], contexts.Select(c => (int)c.Id));
    }

    [Fact]
    public void RoleSelection_AcceptsScpRoleForRequestor_WhenWeAreScu()
    {
        var policy = new AcceptorPolicy().Accept(DicomUid.CTImageStorage.Value, DicomRole.Scu, DicomTransferSyntax.ExplicitVRLittleEndian);
        var rq = new AssociationRequest("SCU", "SCP");
        rq.AddPresentationContext(DicomUid.CTImageStorage.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.ProposeRoles(DicomUid.CTImageStorage.Value, scuRole: false, scpRole: true);
        var accept = policy.Negotiate(rq, Options).Accept!;
        var pc = Assert.Single(accept.PresentationContexts);
        Assert.True(pc.IsAccepted);
        Assert.True(pc.RequestorIsScp);
        Assert.False(pc.RequestorIsScu);
        Assert.Equal(new ScpScuRoleSelection(DicomUid.CTImageStorage.Value, false, true), Assert.Single(accept.UserInformation.RoleSelections));
    }

    [Fact]
    public void RoleSelection_WithoutMatchingRole_IsUserRejection()
    {
        var rq = new AssociationRequest("SCU", "SCP");
        rq.AddPresentationContext(DicomUid.CTImageStorage.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.ProposeRoles(DicomUid.CTImageStorage.Value, scuRole: false, scpRole: true);
        var pc = Assert.Single(Policy().Negotiate(rq, Options).Accept!.PresentationContexts);
        Assert.Equal(PresentationContextResult.UserRejection, pc.Result);
    }

    [Fact]
    public void ContextFilter_RefusesContextsWithUserRejection_AndSeesTheRole()
    {
        var policy = Policy().Accept(DicomUid.CTImageStorage.Value, DicomRole.Scu, DicomTransferSyntax.ExplicitVRLittleEndian);
        var asked = new List<(string, DicomRole)>();
        policy.ContextFilter = (_, sopClass, role) =>
        {
            asked.Add((sopClass, role));
            return sopClass == DicomUid.Verification.Value;
        };
        var rq = new AssociationRequest("SCU", "SCP");
        rq.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.AddPresentationContext(DicomUid.CTImageStorage.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.ProposeRoles(DicomUid.CTImageStorage.Value, scuRole: true, scpRole: true);
        var contexts = policy.Negotiate(rq, Options).Accept!.PresentationContexts;
        Assert.Equal(PresentationContextResult.Acceptance, contexts[0].Result);
        Assert.Equal(PresentationContextResult.UserRejection, contexts[1].Result);
        Assert.Contains((DicomUid.CTImageStorage.Value, DicomRole.Scp), asked);
        Assert.Contains((DicomUid.CTImageStorage.Value, DicomRole.Scu), asked);
    }

    [Fact]
    public void RequestFilter_RejectsTheWholeAssociation()
    {
        var policy = Policy();
        policy.RequestFilter = r => r.CallingAETitle == "BANNED" ? AssociationRejection.CallingAETitleNotRecognized : null;
        var banned = new AssociationRequest("BANNED", "SCP");
        banned.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        Assert.Equal(AssociationRejection.CallingAETitleNotRecognized, policy.Negotiate(banned, Options).Rejection);
        var welcome = new AssociationRequest("WELCOME", "SCP");
        welcome.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        Assert.NotNull(policy.Negotiate(welcome, Options).Accept);
    }

    [Fact]
    public void CalledAndCallingAE_AndApplicationContext_Rejections()
    {
        var policy = Policy();
        policy.CalledAETitles.Add("SCP");
        policy.CallingAETitles.Add("KNOWN");

        var wrongCalled = new AssociationRequest("KNOWN", "OTHER");
        wrongCalled.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        Assert.Equal(AssociationRejection.CalledAETitleNotRecognized, policy.Negotiate(wrongCalled, Options).Rejection);

        var wrongCalling = new AssociationRequest("STRANGER", "SCP");
        wrongCalling.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        Assert.Equal(AssociationRejection.CallingAETitleNotRecognized, policy.Negotiate(wrongCalling, Options).Rejection);

        var wrongContext = new AssociationRequest("KNOWN", "SCP") { ApplicationContextName = "1.2.3.4" };
        wrongContext.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        var r = policy.Negotiate(wrongContext, Options).Rejection!;
        Assert.Equal((AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, (byte)2), (r.Result, r.Source, r.Reason));
    }

    [Fact]
    public void RejectionCodes_MatchPs38Table9_21()
    {
        static (int, int, int) Codes(AssociationRejection r) => ((int)r.Result, (int)r.Source, r.Reason);
        Assert.Equal((1, 1, 7), Codes(AssociationRejection.CalledAETitleNotRecognized));
        Assert.Equal((1, 1, 3), Codes(AssociationRejection.CallingAETitleNotRecognized));
        Assert.Equal((1, 1, 2), Codes(AssociationRejection.ApplicationContextNameNotSupported));
        Assert.Equal((1, 2, 2), Codes(AssociationRejection.ProtocolVersionNotSupported));
        Assert.Equal((2, 3, 2), Codes(AssociationRejection.LocalLimitExceeded));
    }

    [Fact]
    public void UserIdentity_AcceptedWithResponse_OrRejected()
    {
        var policy = Policy();
        policy.UserIdentityValidator = (id, _) => id.PrimaryText == "alice" && id.SecondaryText == "pw"
            ? new UserIdentityVerdict(true, [9, 9])
            : UserIdentityVerdict.Reject;

        var good = new AssociationRequest("SCU", "SCP");
        good.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        good.UserInformation.UserIdentity = UserIdentityNegotiation.ForUsernameAndPasscode("alice", "pw", positiveResponseRequested: true);
        Assert.Equal(new byte[] { 9, 9 }, policy.Negotiate(good, Options).Accept!.UserInformation.UserIdentityResponse!.ServerResponse);

        var bad = new AssociationRequest("SCU", "SCP");
        bad.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        bad.UserInformation.UserIdentity = UserIdentityNegotiation.ForUsernameAndPasscode("alice", "wrong");
        Assert.Equal(AssociationRejection.NoReasonGiven, policy.Negotiate(bad, Options).Rejection);
    }

    [Fact]
    public void AsyncWindowAndExtendedNegotiation_Replies()
    {
        var policy = Policy();
        policy.AsynchronousOperationsWindow = new AsynchronousOperationsWindow(4, 4);
        policy.ExtendedNegotiationResponder = ext => [1];
        var rq = new AssociationRequest("SCU", "SCP");
        rq.AddPresentationContext(DicomUid.CTImageStorage.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.UserInformation.AsynchronousOperationsWindow = new AsynchronousOperationsWindow(0, 2);
        rq.UserInformation.ExtendedNegotiations.Add(new SopClassExtendedNegotiation(DicomUid.CTImageStorage.Value, [2, 0, 3, 0, 1, 0]));
        rq.UserInformation.ExtendedNegotiations.Add(new SopClassExtendedNegotiation(DicomUid.MRImageStorage.Value, [1]));
        var info = policy.Negotiate(rq, Options).Accept!.UserInformation;
        Assert.Equal(new AsynchronousOperationsWindow(4, 2), info.AsynchronousOperationsWindow);
        var ext = Assert.Single(info.ExtendedNegotiations);
        Assert.Equal(DicomUid.CTImageStorage.Value, ext.SopClassUid);
    }

    [Fact]
    public void AcceptPdu_RoundTripsThroughTheRequestorsView()
    {
        var rq = new AssociationRequest("SCU", "SCP");
        rq.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        rq.AddPresentationContext(DicomUid.MRImageStorage.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        var accept = Policy().Negotiate(rq, Options).Accept!;
        var ac = (AAssociateAc)PduReader.Decode(PduWriter.Encode(accept.ToPdu()));
        var view = AssociationAccept.FromPdu(ac, rq);
        Assert.True(view.PresentationContexts[0].IsAccepted);
        Assert.Equal(PresentationContextResult.AbstractSyntaxNotSupported, view.PresentationContexts[1].Result);
    }

    [Fact]
    public void AETitles_AreValidated()
    {
        Assert.Throws<ArgumentException>(() => new AssociationRequest("", "SCP"));
        Assert.Throws<ArgumentException>(() => new AssociationRequest("SEVENTEEN_CHARS_X", "SCP"));
        Assert.Throws<ArgumentException>(() => new AssociationRequest("BACK\\SLASH", "SCP"));
        Assert.Equal("PADDED", new AssociationRequest("  PADDED  ", "SCP").CallingAETitle);
    }
}
