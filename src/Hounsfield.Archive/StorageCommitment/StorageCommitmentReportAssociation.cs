namespace Hounsfield.Archive.StorageCommitment;

/// <summary>Where the Storage Commitment SCP sends its N-EVENT-REPORT (PS3.4 J.3.3; the Carestream statement makes it configurable).</summary>
public enum StorageCommitmentReportAssociation
{
    /// <summary>On the N-ACTION's association while it is open, else on a new association to the requestor.</summary>
    SameIfOpen,
    /// <summary>Always on a new association to the requestor, taking the SCP role by role selection.</summary>
    New,
}
