namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>Who initiated an A-ABORT (PS3.8 Table 9-26, "Source" field).</summary>
public enum AbortSource : byte
{
    /// <summary>DICOM UL service-user: the application on the other side aborted (A-ABORT).</summary>
    ServiceUser = 0,

    /// <summary>Reserved by the standard; kept so a received value can be shown.</summary>
    Reserved = 1,

    /// <summary>DICOM UL service-provider: the peer's protocol machine aborted (A-P-ABORT).</summary>
    ServiceProvider = 2,
}
