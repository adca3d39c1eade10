namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>Result field of an A-ASSOCIATE-RJ PDU (PS3.8 Table 9-21).</summary>
public enum AssociateRejectResult : byte
{
    /// <summary>Rejected (permanent): retrying the same request will fail again.</summary>
    RejectedPermanent = 1,

    /// <summary>Rejected (transient): the same request may succeed later.</summary>
    RejectedTransient = 2,
}
