namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>C-GET-RQ (PS3.7 §9.3.3): retrieve over this association; the identifier says what.</summary>
public sealed class CGetRequest : DimseRequest
{
    /// <summary>A retrieve in the information model <paramref name="sopClassUid"/> (e.g. Study Root GET).</summary>
    public CGetRequest(string sopClassUid, DicomDataset identifier, DimsePriority priority = DimsePriority.Medium)
        : base(DimseCommandField.CGetRequest, identifier)
    {
        AffectedSopClassUid = sopClassUid;
        Command.Set(DicomTag.Priority, (ushort)priority);
    }

    internal CGetRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new CGetResponse(this, status);

    /// <summary>Priority (0000,0700).</summary>
    public DimsePriority Priority => (DimsePriority)GetUInt16(DicomTag.Priority);
}

/// <summary>C-MOVE-RQ (PS3.7 §9.3.4): retrieve to another AE, named by Move Destination.</summary>
public sealed class CMoveRequest : DimseRequest
{
    /// <summary>A retrieve in <paramref name="sopClassUid"/> sending matches to <paramref name="destination"/>.</summary>
    public CMoveRequest(string sopClassUid, string destination, DicomDataset identifier, DimsePriority priority = DimsePriority.Medium)
        : base(DimseCommandField.CMoveRequest, identifier)
    {
        AffectedSopClassUid = sopClassUid;
        Command.Set(DicomTag.MoveDestination, destination);
        Command.Set(DicomTag.Priority, (ushort)priority);
    }

    internal CMoveRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new CMoveResponse(this, status);

    /// <summary>Move Destination (0000,0600).</summary>
    public string MoveDestination => Command.GetString(DicomTag.MoveDestination) ?? "";

    /// <summary>Priority (0000,0700).</summary>
    public DimsePriority Priority => (DimsePriority)GetUInt16(DicomTag.Priority);
}

/// <summary>The sub-operation counts of C-GET-RSP and C-MOVE-RSP (PS3.7 §9.3.3.2, §9.3.4.2).</summary>
public abstract class DimseRetrieveResponse : DimseResponse
{
    /// <inheritdoc/>
    protected DimseRetrieveResponse(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    protected DimseRetrieveResponse(DimseCommandField field, DimseRequest request, DimseStatus status, DicomDataset? identifier)
        : base(field, request, status, identifier) { }

    /// <summary>Number of Remaining Sub-operations (0000,1020).</summary>
    public ushort? Remaining { get => GetOptionalUInt16(DicomTag.NumberOfRemainingSuboperations); set => SetOptionalUInt16(DicomTag.NumberOfRemainingSuboperations, value); }

    /// <summary>Number of Completed Sub-operations (0000,1021).</summary>
    public ushort? Completed { get => GetOptionalUInt16(DicomTag.NumberOfCompletedSuboperations); set => SetOptionalUInt16(DicomTag.NumberOfCompletedSuboperations, value); }

    /// <summary>Number of Failed Sub-operations (0000,1022).</summary>
    public ushort? Failed { get => GetOptionalUInt16(DicomTag.NumberOfFailedSuboperations); set => SetOptionalUInt16(DicomTag.NumberOfFailedSuboperations, value); }

    /// <summary>Number of Warning Sub-operations (0000,1023).</summary>
    public ushort? Warning { get => GetOptionalUInt16(DicomTag.NumberOfWarningSuboperations); set => SetOptionalUInt16(DicomTag.NumberOfWarningSuboperations, value); }

    /// <summary>Failed SOP Instance UID List (0008,0058) from the identifier of a final response with failures.</summary>
    public IReadOnlyList<string> FailedSopInstanceUids => Dataset?.GetStrings(DicomTag.FailedSOPInstanceUIDList) ?? [];
}

/// <summary>C-GET-RSP.</summary>
public sealed class CGetResponse : DimseRetrieveResponse
{
    /// <summary>Answers <paramref name="request"/>.</summary>
    public CGetResponse(CGetRequest request, DimseStatus status, DicomDataset? identifier = null)
        : base(DimseCommandField.CGetResponse, request, status, identifier) { }

    internal CGetResponse(DicomDataset command) : base(command) { }
}

/// <summary>C-MOVE-RSP.</summary>
public sealed class CMoveResponse : DimseRetrieveResponse
{
    /// <summary>Answers <paramref name="request"/>.</summary>
    public CMoveResponse(CMoveRequest request, DimseStatus status, DicomDataset? identifier = null)
        : base(DimseCommandField.CMoveResponse, request, status, identifier) { }

    internal CMoveResponse(DicomDataset command) : base(command) { }
}
