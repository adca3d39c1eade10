namespace Hounsfield.Dicom.Network;

/// <summary>The events of the DICOM upper layer protocol machine (PS3.8 §9.2.3, Table 9-10 rows).</summary>
public enum AssociationEvent
{
    /// <summary>Evt1: A-ASSOCIATE request (local user).</summary>
    AAssociateRequest = 1,

    /// <summary>Evt2: transport connect confirmation (local transport service).</summary>
    TransportConnectConfirm = 2,

    /// <summary>Evt3: A-ASSOCIATE-AC PDU received.</summary>
    AAssociateAcReceived = 3,

    /// <summary>Evt4: A-ASSOCIATE-RJ PDU received.</summary>
    AAssociateRjReceived = 4,

    /// <summary>Evt5: transport connection indication (local transport service).</summary>
    TransportConnectIndication = 5,

    /// <summary>Evt6: A-ASSOCIATE-RQ PDU received.</summary>
    AAssociateRqReceived = 6,

    /// <summary>Evt7: A-ASSOCIATE response primitive (accept).</summary>
    AAssociateResponseAccept = 7,

    /// <summary>Evt8: A-ASSOCIATE response primitive (reject).</summary>
    AAssociateResponseReject = 8,

    /// <summary>Evt9: P-DATA request primitive.</summary>
    PDataRequest = 9,

    /// <summary>Evt10: P-DATA-TF PDU received.</summary>
    PDataTfReceived = 10,

    /// <summary>Evt11: A-RELEASE request primitive.</summary>
    AReleaseRequest = 11,

    /// <summary>Evt12: A-RELEASE-RQ PDU received.</summary>
    AReleaseRqReceived = 12,

    /// <summary>Evt13: A-RELEASE-RP PDU received.</summary>
    AReleaseRpReceived = 13,

    /// <summary>Evt14: A-RELEASE response primitive.</summary>
    AReleaseResponse = 14,

    /// <summary>Evt15: A-ABORT request primitive.</summary>
    AAbortRequest = 15,

    /// <summary>Evt16: A-ABORT PDU received.</summary>
    AAbortReceived = 16,

    /// <summary>Evt17: transport connection closed indication.</summary>
    TransportClosed = 17,

    /// <summary>Evt18: ARTIM timer expired (association reject/release timer).</summary>
    ArtimExpired = 18,

    /// <summary>Evt19: unrecognized or invalid PDU received.</summary>
    InvalidPduReceived = 19,
}
