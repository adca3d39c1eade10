namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>Source field of an A-ASSOCIATE-RJ PDU (PS3.8 Table 9-21).</summary>
public enum AssociateRejectSource : byte
{
    /// <summary>DICOM UL service-user: the called application refused.</summary>
    ServiceUser = 1,

    /// <summary>DICOM UL service-provider, ACSE related function.</summary>
    ServiceProviderAcse = 2,

    /// <summary>DICOM UL service-provider, presentation related function.</summary>
    ServiceProviderPresentation = 3,
}
