namespace Hounsfield.Archive.Notifications;

/// <summary>An Instance Availability Notification another AE sent us.</summary>
/// <param name="Id">Row identifier.</param>
/// <param name="Received">When it arrived.</param>
/// <param name="CallingAETitle">Who sent it.</param>
/// <param name="SopInstanceUid">The notification's SOP Instance UID.</param>
/// <param name="StudyInstanceUid">The study it is about.</param>
/// <param name="InstanceCount">Instances it references.</param>
/// <param name="Availability">The distinct Instance Availability values, joined by '\'.</param>
/// <param name="Attributes">The N-CREATE attribute list, Explicit VR Little Endian.</param>
public sealed record ReceivedNotification(long Id, DateTimeOffset Received, string CallingAETitle, string SopInstanceUid, string StudyInstanceUid,
    int InstanceCount, string Availability, byte[] Attributes);
