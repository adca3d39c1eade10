namespace Hounsfield.Archive.Routing;

/// <summary>What an outbound job sends.</summary>
public enum OutboundJobKind
{
    /// <summary>C-STORE of a stored instance, by its SOP Instance UID.</summary>
    Store,
    /// <summary>N-CREATE of an Instance Availability Notification (PS3.4 R).</summary>
    InstanceAvailability,
    /// <summary>C-STORE of a Basic Study Content Notification (retired PS3.4 D, SOP class 1.2.840.10008.1.9).</summary>
    StudyContent,
    /// <summary>MPPS N-CREATE forwarded with the received attributes.</summary>
    MppsCreate,
    /// <summary>MPPS N-SET forwarded with the received modifications.</summary>
    MppsSet,
}
