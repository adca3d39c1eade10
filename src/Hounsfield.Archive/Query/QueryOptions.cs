namespace Hounsfield.Archive.Query;

/// <summary>How the archive answers queries.</summary>
public sealed record QueryOptions
{
    /// <summary>Most matches returned for one C-FIND (0 = no limit).</summary>
    public int MaxResults { get; init; }

    /// <summary>Match person names fuzzily, ignoring case and diacritics (<see cref="FuzzySemanticMatching"/>), even when the SCU did not negotiate it (PS3.4 C.2.2.2.1.2).</summary>
    public bool CaseInsensitivePersonNames { get; init; }

    /// <summary>The AE title returned in Retrieve AE Title (0008,0054).</summary>
    public string RetrieveAETitle { get; init; } = "HOUNSFIELD";

    /// <summary>Match date and time keys as one date-time range (negotiated per association, PS3.4 C.2.2.2.5.4).</summary>
    public bool CombinedDateTime { get; init; }
}
