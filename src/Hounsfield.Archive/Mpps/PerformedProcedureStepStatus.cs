namespace Hounsfield.Archive.Mpps;

/// <summary>The Enumerated Values of Performed Procedure Step Status (0040,0252), PS3.3 C.4.14.</summary>
public static class PerformedProcedureStepStatus
{
    /// <summary>Started but not complete: the only state an N-CREATE may create and the only one an N-SET may change.</summary>
    public const string InProgress = "IN PROGRESS";

    /// <summary>Successfully completed.</summary>
    public const string Completed = "COMPLETED";

    /// <summary>Cancelled or unsuccessfully terminated.</summary>
    public const string Discontinued = "DISCONTINUED";

    /// <summary>True for one of the three values.</summary>
    public static bool IsValid(string? status) => status is InProgress or Completed or Discontinued;

    /// <summary>True for COMPLETED and DISCONTINUED, after which the step may no longer be updated (PS3.4 F.7.2.2.3).</summary>
    public static bool IsFinal(string? status) => status is Completed or Discontinued;
}
