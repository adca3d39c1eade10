namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>Command Field (0000,0100) values of PS3.7 Annex E.</summary>
public enum DimseCommandField : ushort
{
    /// <summary>C-STORE-RQ.</summary>
    CStoreRequest = 0x0001,
    /// <summary>C-STORE-RSP.</summary>
    CStoreResponse = 0x8001,
    /// <summary>C-GET-RQ.</summary>
    CGetRequest = 0x0010,
    /// <summary>C-GET-RSP.</summary>
    CGetResponse = 0x8010,
    /// <summary>C-FIND-RQ.</summary>
    CFindRequest = 0x0020,
    /// <summary>C-FIND-RSP.</summary>
    CFindResponse = 0x8020,
    /// <summary>C-MOVE-RQ.</summary>
    CMoveRequest = 0x0021,
    /// <summary>C-MOVE-RSP.</summary>
    CMoveResponse = 0x8021,
    /// <summary>C-ECHO-RQ.</summary>
    CEchoRequest = 0x0030,
    /// <summary>C-ECHO-RSP.</summary>
    CEchoResponse = 0x8030,
    /// <summary>N-EVENT-REPORT-RQ.</summary>
    NEventReportRequest = 0x0100,
    /// <summary>N-EVENT-REPORT-RSP.</summary>
    NEventReportResponse = 0x8100,
    /// <summary>N-GET-RQ.</summary>
    NGetRequest = 0x0110,
    /// <summary>N-GET-RSP.</summary>
    NGetResponse = 0x8110,
    /// <summary>N-SET-RQ.</summary>
    NSetRequest = 0x0120,
    /// <summary>N-SET-RSP.</summary>
    NSetResponse = 0x8120,
    /// <summary>N-ACTION-RQ.</summary>
    NActionRequest = 0x0130,
    /// <summary>N-ACTION-RSP.</summary>
    NActionResponse = 0x8130,
    /// <summary>N-CREATE-RQ.</summary>
    NCreateRequest = 0x0140,
    /// <summary>N-CREATE-RSP.</summary>
    NCreateResponse = 0x8140,
    /// <summary>N-DELETE-RQ.</summary>
    NDeleteRequest = 0x0150,
    /// <summary>N-DELETE-RSP.</summary>
    NDeleteResponse = 0x8150,
    /// <summary>C-CANCEL-RQ (for C-FIND, C-GET, C-MOVE).</summary>
    CCancelRequest = 0x0FFF,
}

/// <summary>Priority (0000,0700) of C-STORE, C-FIND, C-GET and C-MOVE requests.</summary>
public enum DimsePriority : ushort
{
    /// <summary>MEDIUM (0000H), the default.</summary>
    Medium = 0x0000,
    /// <summary>HIGH (0001H).</summary>
    High = 0x0001,
    /// <summary>LOW (0002H).</summary>
    Low = 0x0002,
}
