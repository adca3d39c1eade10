namespace Hounsfield.Dicom.Network.Tests.Association;

using static Hounsfield.Dicom.Network.AssociationEvent;
using static Hounsfield.Dicom.Network.AssociationState;
using static Hounsfield.Dicom.Network.UpperLayerAction;

/// <summary>Spot checks of the transcribed PS3.8 Table 9-10 and the next states of Tables 9-6 to 9-9.</summary>
public class StateMachineTests
{
    [Theory]
    [InlineData(AAssociateRequest, Sta1Idle, AE1)]
    [InlineData(TransportConnectConfirm, Sta4AwaitingTransportOpen, AE2)]
    [InlineData(AAssociateAcReceived, Sta5AwaitingAssociateAcOrRj, AE3)]
    [InlineData(AAssociateRjReceived, Sta5AwaitingAssociateAcOrRj, AE4)]
    [InlineData(TransportConnectIndication, Sta1Idle, AE5)]
    [InlineData(AAssociateRqReceived, Sta2AwaitingAssociateRq, AE6)]
    [InlineData(AAssociateResponseAccept, Sta3AwaitingLocalAssociateResponse, AE7)]
    [InlineData(AAssociateResponseReject, Sta3AwaitingLocalAssociateResponse, AE8)]
    [InlineData(PDataRequest, Sta6Established, DT1)]
    [InlineData(PDataRequest, Sta8AwaitingLocalReleaseResponse, AR7)]
    [InlineData(PDataTfReceived, Sta6Established, DT2)]
    [InlineData(PDataTfReceived, Sta7AwaitingReleaseRp, AR6)]
    [InlineData(AReleaseRequest, Sta6Established, AR1)]
    [InlineData(AReleaseRqReceived, Sta6Established, AR2)]
    [InlineData(AReleaseRqReceived, Sta7AwaitingReleaseRp, AR8)]
    [InlineData(AReleaseRpReceived, Sta7AwaitingReleaseRp, AR3)]
    [InlineData(AReleaseRpReceived, Sta10CollisionAcceptorAwaitingReleaseRp, AR10)]
    [InlineData(AReleaseRpReceived, Sta11CollisionRequestorAwaitingReleaseRp, AR3)]
    [InlineData(AReleaseResponse, Sta8AwaitingLocalReleaseResponse, AR4)]
    [InlineData(AReleaseResponse, Sta9CollisionRequestorAwaitingLocalResponse, AR9)]
    [InlineData(AReleaseResponse, Sta12CollisionAcceptorAwaitingLocalResponse, AR4)]
    [InlineData(AAbortRequest, Sta4AwaitingTransportOpen, AA2)]
    [InlineData(AAbortRequest, Sta6Established, AA1)]
    [InlineData(AAbortReceived, Sta2AwaitingAssociateRq, AA2)]
    [InlineData(AAbortReceived, Sta6Established, AA3)]
    [InlineData(AAbortReceived, Sta13AwaitingTransportClose, AA2)]
    [InlineData(TransportClosed, Sta2AwaitingAssociateRq, AA5)]
    [InlineData(TransportClosed, Sta6Established, AA4)]
    [InlineData(TransportClosed, Sta13AwaitingTransportClose, AR5)]
    [InlineData(ArtimExpired, Sta2AwaitingAssociateRq, AA2)]
    [InlineData(ArtimExpired, Sta13AwaitingTransportClose, AA2)]
    [InlineData(InvalidPduReceived, Sta2AwaitingAssociateRq, AA1)]
    [InlineData(InvalidPduReceived, Sta6Established, AA8)]
    [InlineData(InvalidPduReceived, Sta13AwaitingTransportClose, AA7)]
    [InlineData(AAssociateRqReceived, Sta13AwaitingTransportClose, AA7)]
    [InlineData(PDataTfReceived, Sta13AwaitingTransportClose, AA6)]
    [InlineData(AAssociateAcReceived, Sta6Established, AA8)]
    [InlineData(PDataTfReceived, Sta2AwaitingAssociateRq, AA1)]
    [InlineData(AReleaseRpReceived, Sta6Established, AA8)]
    [InlineData(PDataRequest, Sta7AwaitingReleaseRp, None)]
    [InlineData(ArtimExpired, Sta6Established, None)]
    public void Table9_10_Cells(AssociationEvent evt, AssociationState state, UpperLayerAction expected)
    {
        Assert.Equal(expected, AssociationStateMachine.Lookup(evt, state));
    }

    [Fact]
    public void TableHasEveryEventAndState()
    {
        Assert.Equal(19, AssociationStateMachine.Table.GetLength(0));
        Assert.Equal(13, AssociationStateMachine.Table.GetLength(1));
    }

    [Fact]
    public void EveryPduEventHasAnActionInEveryStateWithAConnection()
    {
        // Sta1 and Sta4 have no connection to receive on; everywhere else a received PDU must be handled.
        AssociationEvent[] pduEvents = [AAssociateAcReceived, AAssociateRjReceived, AAssociateRqReceived, PDataTfReceived,
            AReleaseRqReceived, AReleaseRpReceived, AAbortReceived, TransportClosed, InvalidPduReceived];
        foreach (var evt in pduEvents)
        {
            foreach (var state in Enum.GetValues<AssociationState>())
            {
                if (state is Sta1Idle or Sta4AwaitingTransportOpen) continue;
                Assert.NotEqual(None, AssociationStateMachine.Lookup(evt, state));
            }
        }
    }

    [Fact]
    public void ReleaseCollision_FollowsSta9Sta11OnRequestorAndSta10Sta12OnAcceptor()
    {
        var requestor = new AssociationStateMachine(isRequestor: true);
        requestor.ForceState(Sta6Established);
        Assert.Equal(AR1, requestor.Fire(AReleaseRequest));
        Assert.Equal(AR8, requestor.Fire(AReleaseRqReceived));
        Assert.Equal(Sta9CollisionRequestorAwaitingLocalResponse, requestor.State);
        Assert.Equal(AR9, requestor.Fire(AReleaseResponse));
        Assert.Equal(Sta11CollisionRequestorAwaitingReleaseRp, requestor.State);
        Assert.Equal(AR3, requestor.Fire(AReleaseRpReceived));
        Assert.Equal(Sta1Idle, requestor.State);

        var acceptor = new AssociationStateMachine(isRequestor: false);
        acceptor.ForceState(Sta6Established);
        acceptor.Fire(AReleaseRequest);
        Assert.Equal(AR8, acceptor.Fire(AReleaseRqReceived));
        Assert.Equal(Sta10CollisionAcceptorAwaitingReleaseRp, acceptor.State);
        Assert.Equal(AR10, acceptor.Fire(AReleaseRpReceived));
        Assert.Equal(Sta12CollisionAcceptorAwaitingLocalResponse, acceptor.State);
        Assert.Equal(AR4, acceptor.Fire(AReleaseResponse));
        Assert.Equal(Sta13AwaitingTransportClose, acceptor.State);
        Assert.Equal(AR5, acceptor.Fire(TransportClosed));
        Assert.Equal(Sta1Idle, acceptor.State);
    }

    [Fact]
    public void Ae6_GoesToSta3WhenAcceptable_AndSta13Otherwise()
    {
        var ok = new AssociationStateMachine(false);
        ok.Fire(TransportConnectIndication);
        ok.Fire(AAssociateRqReceived, acceptable: true);
        Assert.Equal(Sta3AwaitingLocalAssociateResponse, ok.State);

        var bad = new AssociationStateMachine(false);
        bad.Fire(TransportConnectIndication);
        bad.Fire(AAssociateRqReceived, acceptable: false);
        Assert.Equal(Sta13AwaitingTransportClose, bad.State);
    }

    [Fact]
    public void NotApplicableEvent_LeavesStateUnchanged()
    {
        var m = new AssociationStateMachine(true);
        Assert.Equal(None, m.Fire(PDataRequest));
        Assert.Equal(Sta1Idle, m.State);
    }
}
