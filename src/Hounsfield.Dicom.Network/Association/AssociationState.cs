namespace Hounsfield.Dicom.Network;

/// <summary>The states of the DICOM upper layer protocol machine (PS3.8 §9.2.1, Tables 9-1 to 9-5).</summary>
public enum AssociationState
{
    /// <summary>Sta1: idle, no transport connection.</summary>
    Sta1Idle = 1,

    /// <summary>Sta2: transport connection open, awaiting A-ASSOCIATE-RQ PDU.</summary>
    Sta2AwaitingAssociateRq = 2,

    /// <summary>Sta3: awaiting the local A-ASSOCIATE response primitive.</summary>
    Sta3AwaitingLocalAssociateResponse = 3,

    /// <summary>Sta4: awaiting the transport connection opening to complete.</summary>
    Sta4AwaitingTransportOpen = 4,

    /// <summary>Sta5: awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU.</summary>
    Sta5AwaitingAssociateAcOrRj = 5,

    /// <summary>Sta6: association established and ready for data transfer.</summary>
    Sta6Established = 6,

    /// <summary>Sta7: awaiting A-RELEASE-RP PDU.</summary>
    Sta7AwaitingReleaseRp = 7,

    /// <summary>Sta8: awaiting the local A-RELEASE response primitive.</summary>
    Sta8AwaitingLocalReleaseResponse = 8,

    /// <summary>Sta9: release collision, requestor side, awaiting the local A-RELEASE response.</summary>
    Sta9CollisionRequestorAwaitingLocalResponse = 9,

    /// <summary>Sta10: release collision, acceptor side, awaiting A-RELEASE-RP PDU.</summary>
    Sta10CollisionAcceptorAwaitingReleaseRp = 10,

    /// <summary>Sta11: release collision, requestor side, awaiting A-RELEASE-RP PDU.</summary>
    Sta11CollisionRequestorAwaitingReleaseRp = 11,

    /// <summary>Sta12: release collision, acceptor side, awaiting the local A-RELEASE response.</summary>
    Sta12CollisionAcceptorAwaitingLocalResponse = 12,

    /// <summary>Sta13: awaiting transport connection close; the association no longer exists.</summary>
    Sta13AwaitingTransportClose = 13,
}
