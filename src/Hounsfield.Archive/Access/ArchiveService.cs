namespace Hounsfield.Archive.Access;

/// <summary>
/// A group of SOP classes a calling AE may use with the archive; the unit in which access is
/// granted per calling AE title and per network address.
/// </summary>
public enum ArchiveService
{
    /// <summary>Verification (C-ECHO).</summary>
    Verification,

    /// <summary>Storage SCP: every storage SOP class (C-STORE to us).</summary>
    Storage,

    /// <summary>Query/Retrieve FIND (C-FIND at any level, every model).</summary>
    Query,

    /// <summary>Query/Retrieve MOVE and GET, including the storage contexts a C-GET sends back on.</summary>
    Retrieve,

    /// <summary>Modality Worklist FIND.</summary>
    Worklist,

    /// <summary>Modality Performed Procedure Step.</summary>
    Mpps,

    /// <summary>Storage Commitment Push Model.</summary>
    Commitment,
}
