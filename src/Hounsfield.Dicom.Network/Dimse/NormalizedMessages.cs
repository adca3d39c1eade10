namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>N-EVENT-REPORT-RQ (PS3.7 §10.3.1): an SOP instance reports an event.</summary>
public sealed class NEventReportRequest : DimseRequest
{
    /// <summary>Reports event <paramref name="eventTypeId"/> of an instance, with optional event information.</summary>
    public NEventReportRequest(string sopClassUid, string sopInstanceUid, ushort eventTypeId, DicomDataset? eventInformation = null)
        : base(DimseCommandField.NEventReportRequest, eventInformation)
    {
        AffectedSopClassUid = sopClassUid;
        AffectedSopInstanceUid = sopInstanceUid;
        Command.Set(DicomTag.EventTypeID, eventTypeId);
    }

    internal NEventReportRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new NEventReportResponse(this, status);

    /// <summary>Event Type ID (0000,1002).</summary>
    public ushort EventTypeId => GetUInt16(DicomTag.EventTypeID);
}

/// <summary>N-EVENT-REPORT-RSP.</summary>
public sealed class NEventReportResponse : DimseResponse
{
    /// <summary>Answers <paramref name="request"/>, echoing its Event Type ID.</summary>
    public NEventReportResponse(NEventReportRequest request, DimseStatus status, DicomDataset? eventReply = null)
        : base(DimseCommandField.NEventReportResponse, request, status, eventReply) =>
        Command.Set(DicomTag.EventTypeID, request.EventTypeId);

    internal NEventReportResponse(DicomDataset command) : base(command, null) { }
}

/// <summary>N-GET-RQ (PS3.7 §10.3.2): read attributes of an SOP instance.</summary>
public sealed class NGetRequest : DimseRequest
{
    /// <summary>Asks for <paramref name="attributes"/> (all when empty) of an instance.</summary>
    public NGetRequest(string sopClassUid, string sopInstanceUid, params DicomTag[] attributes)
        : base(DimseCommandField.NGetRequest, null)
    {
        RequestedSopClassUid = sopClassUid;
        RequestedSopInstanceUid = sopInstanceUid;
        if (attributes.Length > 0) Command.Set(DicomTag.AttributeIdentifierList, DicomVR.AT, attributes);
    }

    internal NGetRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new NGetResponse(this, status);

    /// <summary>Attribute Identifier List (0000,1005); empty means all attributes.</summary>
    public IReadOnlyList<DicomTag> AttributeIdentifiers => Command.GetValues<DicomTag>(DicomTag.AttributeIdentifierList);
}

/// <summary>N-GET-RSP: the attribute list is the data set.</summary>
public sealed class NGetResponse : DimseResponse
{
    /// <summary>Answers <paramref name="request"/>.</summary>
    public NGetResponse(NGetRequest request, DimseStatus status, DicomDataset? attributes = null)
        : base(DimseCommandField.NGetResponse, request, status, attributes) { }

    internal NGetResponse(DicomDataset command) : base(command, null) { }
}

/// <summary>N-SET-RQ (PS3.7 §10.3.3): change attributes of an SOP instance.</summary>
public sealed class NSetRequest : DimseRequest
{
    /// <summary>Applies <paramref name="modifications"/> to an instance.</summary>
    public NSetRequest(string sopClassUid, string sopInstanceUid, DicomDataset modifications)
        : base(DimseCommandField.NSetRequest, modifications)
    {
        RequestedSopClassUid = sopClassUid;
        RequestedSopInstanceUid = sopInstanceUid;
    }

    internal NSetRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new NSetResponse(this, status);
}

/// <summary>N-SET-RSP.</summary>
public sealed class NSetResponse : DimseResponse
{
    /// <summary>Answers <paramref name="request"/>.</summary>
    public NSetResponse(NSetRequest request, DimseStatus status, DicomDataset? attributes = null)
        : base(DimseCommandField.NSetResponse, request, status, attributes) { }

    internal NSetResponse(DicomDataset command) : base(command, null) { }
}

/// <summary>N-ACTION-RQ (PS3.7 §10.3.4): ask an SOP instance to perform an action.</summary>
public sealed class NActionRequest : DimseRequest
{
    /// <summary>Requests action <paramref name="actionTypeId"/> with optional action information.</summary>
    public NActionRequest(string sopClassUid, string sopInstanceUid, ushort actionTypeId, DicomDataset? actionInformation = null)
        : base(DimseCommandField.NActionRequest, actionInformation)
    {
        RequestedSopClassUid = sopClassUid;
        RequestedSopInstanceUid = sopInstanceUid;
        Command.Set(DicomTag.ActionTypeID, actionTypeId);
    }

    internal NActionRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new NActionResponse(this, status);

    /// <summary>Action Type ID (0000,1008).</summary>
    public ushort ActionTypeId => GetUInt16(DicomTag.ActionTypeID);
}

/// <summary>N-ACTION-RSP.</summary>
public sealed class NActionResponse : DimseResponse
{
    /// <summary>Answers <paramref name="request"/>, echoing its Action Type ID.</summary>
    public NActionResponse(NActionRequest request, DimseStatus status, DicomDataset? actionReply = null)
        : base(DimseCommandField.NActionResponse, request, status, actionReply) =>
        Command.Set(DicomTag.ActionTypeID, request.ActionTypeId);

    internal NActionResponse(DicomDataset command) : base(command, null) { }
}

/// <summary>N-CREATE-RQ (PS3.7 §10.3.5): create an SOP instance.</summary>
public sealed class NCreateRequest : DimseRequest
{
    /// <summary>Creates an instance of <paramref name="sopClassUid"/>; the SCP assigns the UID when <paramref name="sopInstanceUid"/> is null.</summary>
    public NCreateRequest(string sopClassUid, string? sopInstanceUid, DicomDataset? attributes = null)
        : base(DimseCommandField.NCreateRequest, attributes)
    {
        AffectedSopClassUid = sopClassUid;
        AffectedSopInstanceUid = sopInstanceUid;
    }

    internal NCreateRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new NCreateResponse(this, status);
}

/// <summary>N-CREATE-RSP.</summary>
public sealed class NCreateResponse : DimseResponse
{
    /// <summary>Answers <paramref name="request"/>.</summary>
    public NCreateResponse(NCreateRequest request, DimseStatus status, DicomDataset? attributes = null)
        : base(DimseCommandField.NCreateResponse, request, status, attributes) { }

    internal NCreateResponse(DicomDataset command) : base(command, null) { }
}

/// <summary>N-DELETE-RQ (PS3.7 §10.3.6): delete an SOP instance.</summary>
public sealed class NDeleteRequest : DimseRequest
{
    /// <summary>Deletes an instance.</summary>
    public NDeleteRequest(string sopClassUid, string sopInstanceUid) : base(DimseCommandField.NDeleteRequest, null)
    {
        RequestedSopClassUid = sopClassUid;
        RequestedSopInstanceUid = sopInstanceUid;
    }

    internal NDeleteRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new NDeleteResponse(this, status);
}

/// <summary>N-DELETE-RSP.</summary>
public sealed class NDeleteResponse : DimseResponse
{
    /// <summary>Answers <paramref name="request"/>.</summary>
    public NDeleteResponse(NDeleteRequest request, DimseStatus status) : base(DimseCommandField.NDeleteResponse, request, status) { }

    internal NDeleteResponse(DicomDataset command) : base(command, null) { }
}
