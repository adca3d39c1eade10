namespace Hounsfield.Archive.StorageCommitment;

/// <summary>How the Storage Commitment SCP checks instances and reports (the archive's <c>StorageCommitment</c> settings).</summary>
public sealed class StorageCommitmentOptions
{
    /// <summary>Re-read each referenced file and check that it parses and carries the referenced UIDs (default off: the index alone decides).</summary>
    public bool VerifyFiles { get; set; }

    /// <summary>Where reports go unless <see cref="ReportAssociationByAETitle"/> names the requestor (default: same association if open).</summary>
    public StorageCommitmentReportAssociation ReportAssociation { get; set; } = StorageCommitmentReportAssociation.SameIfOpen;

    /// <summary>Per requesting AE title, where its reports go.</summary>
    public Dictionary<string, StorageCommitmentReportAssociation> ReportAssociationByAETitle { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Wait before a report that could not be delivered is tried again on a new association (default 30 s).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delivery attempts before a report is given up and marked failed (default 20).</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Where the report for <paramref name="callingAETitle"/> goes.</summary>
    public StorageCommitmentReportAssociation ReportAssociationFor(string callingAETitle) =>
        ReportAssociationByAETitle.GetValueOrDefault(callingAETitle, ReportAssociation);
}
