using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// What one read from the transport amounted to, as a PS3.8 §9.2 event: the PDU that arrived
/// (Evt3, 4, 6, 10, 12, 13, 16), the transport closing (Evt17), the ARTIM timer (Evt18) or a
/// malformed PDU (Evt19), with the exception that explains the last three.
/// </summary>
internal readonly record struct ReceivedEvent(AssociationEvent Event, Pdu? Pdu, Exception? Error)
{
    public static AssociationEvent EventFor(Pdu pdu) => pdu.Type switch
    {
        PduType.AAssociateAc => AssociationEvent.AAssociateAcReceived,
        PduType.AAssociateRj => AssociationEvent.AAssociateRjReceived,
        PduType.AAssociateRq => AssociationEvent.AAssociateRqReceived,
        PduType.PDataTf => AssociationEvent.PDataTfReceived,
        PduType.AReleaseRq => AssociationEvent.AReleaseRqReceived,
        PduType.AReleaseRp => AssociationEvent.AReleaseRpReceived,
        PduType.AAbort => AssociationEvent.AAbortReceived,
        _ => AssociationEvent.InvalidPduReceived,
    };

    /// <summary>A short description for messages.</summary>
    public string Describe() => Event switch
    {
        AssociationEvent.TransportClosed => Error?.Message ?? "the peer closed the connection",
        AssociationEvent.ArtimExpired => "the ARTIM timer expired",
        AssociationEvent.InvalidPduReceived => $"malformed PDU: {Error?.Message}",
        _ => Pdu is null ? Event.ToString() : Pdu.Type.ToStandardName(),
    };
}
