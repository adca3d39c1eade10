namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>C-ECHO-RQ (PS3.7 §9.3.5): verification.</summary>
public sealed class CEchoRequest : DimseRequest
{
    /// <summary>A C-ECHO for the Verification SOP Class (or another, e.g. for a service-specific echo).</summary>
    public CEchoRequest(string? sopClassUid = null) : base(DimseCommandField.CEchoRequest, null) =>
        AffectedSopClassUid = sopClassUid ?? DicomUid.Verification.Value;

    internal CEchoRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new CEchoResponse(this, status);
}

/// <summary>C-ECHO-RSP.</summary>
public sealed class CEchoResponse : DimseResponse
{
    /// <summary>Answers <paramref name="request"/>.</summary>
    public CEchoResponse(CEchoRequest request, DimseStatus status) : base(DimseCommandField.CEchoResponse, request, status) { }

    internal CEchoResponse(DicomDataset command) : base(command, null) { }
}

/// <summary>C-STORE-RQ (PS3.7 §9.3.1): one composite instance.</summary>
public sealed class CStoreRequest : DimseRequest
{
    /// <summary>A C-STORE of an instance of <paramref name="sopClassUid"/>.</summary>
    public CStoreRequest(string sopClassUid, string sopInstanceUid, DicomDataset? dataset = null, DimsePriority priority = DimsePriority.Medium)
        : base(DimseCommandField.CStoreRequest, dataset)
    {
        AffectedSopClassUid = sopClassUid;
        AffectedSopInstanceUid = sopInstanceUid;
        Priority = priority;
        SetHasDataset(true);
    }

    /// <summary>
    /// A C-STORE of <paramref name="file"/>. When the file was opened from disk and the negotiated
    /// syntax is its own, the encoded data set is copied from the file unchanged — changes made to
    /// <c>file.Dataset</c> in memory are then not sent; to send a modified data set, save it first or
    /// use <see cref="CStoreRequest(string, string, DicomDataset?, DimsePriority)"/>.
    /// </summary>
    public CStoreRequest(DicomFile file, DimsePriority priority = DimsePriority.Medium)
        : this(file.Dataset.GetString(DicomTag.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTag.MediaStorageSOPClassUID)
                   ?? throw new ArgumentException("the file has no SOP Class UID", nameof(file)),
               file.Dataset.GetString(DicomTag.SOPInstanceUID) ?? file.FileMetaInformation.GetString(DicomTag.MediaStorageSOPInstanceUID)
                   ?? throw new ArgumentException("the file has no SOP Instance UID", nameof(file)),
               file.Dataset, priority) =>
        File = file;

    internal CStoreRequest(DicomDataset command) : base(command, null) { }

    // The same command (UIDs, priority, move originator) sending another rendering of the instance.
    internal CStoreRequest WithFile(DicomFile file) => new(Command.Clone()) { File = file, Dataset = file.Dataset };

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new CStoreResponse(this, status);

    /// <summary>
    /// The instance as a Part 10 file: the file being sent, or, on the receiving side, the file the
    /// data set was streamed to (metadata read, pixel data left on disk).
    /// </summary>
    public DicomFile? File { get; internal set; }

    /// <summary>On the receiving side, the path of the temporary Part 10 file holding the received instance; a handler may move it.</summary>
    public string? ReceivedFilePath { get; internal set; }

    /// <summary>Priority (0000,0700).</summary>
    public DimsePriority Priority
    {
        get => (DimsePriority)GetUInt16(DicomTag.Priority);
        set => Command.Set(DicomTag.Priority, (ushort)value);
    }

    /// <summary>Move Originator Application Entity Title (0000,1030), set when the store is a C-MOVE sub-operation.</summary>
    public string? MoveOriginatorAeTitle
    {
        get => Command.GetString(DicomTag.MoveOriginatorApplicationEntityTitle);
        set => SetOrRemove(DicomTag.MoveOriginatorApplicationEntityTitle, value);
    }

    /// <summary>Move Originator Message ID (0000,1031).</summary>
    public ushort? MoveOriginatorMessageId
    {
        get => GetOptionalUInt16(DicomTag.MoveOriginatorMessageID);
        set => SetOptionalUInt16(DicomTag.MoveOriginatorMessageID, value);
    }
}

/// <summary>C-STORE-RSP.</summary>
public sealed class CStoreResponse : DimseResponse
{
    /// <summary>Answers <paramref name="request"/>.</summary>
    public CStoreResponse(CStoreRequest request, DimseStatus status) : base(DimseCommandField.CStoreResponse, request, status) { }

    internal CStoreResponse(DicomDataset command) : base(command, null) { }
}

/// <summary>C-FIND-RQ (PS3.7 §9.3.2): a query; the identifier is the data set.</summary>
public sealed class CFindRequest : DimseRequest
{
    /// <summary>A query in the information model <paramref name="sopClassUid"/> (e.g. Study Root FIND).</summary>
    public CFindRequest(string sopClassUid, DicomDataset identifier, DimsePriority priority = DimsePriority.Medium)
        : base(DimseCommandField.CFindRequest, identifier)
    {
        AffectedSopClassUid = sopClassUid;
        Command.Set(DicomTag.Priority, (ushort)priority);
    }

    internal CFindRequest(DicomDataset command) : base(command, null) { }

    /// <inheritdoc/>
    public override DimseResponse CreateResponse(DimseStatus status) => new CFindResponse(this, status);

    /// <summary>Priority (0000,0700).</summary>
    public DimsePriority Priority => (DimsePriority)GetUInt16(DicomTag.Priority);
}

/// <summary>C-FIND-RSP: a pending response carries one match as its identifier.</summary>
public sealed class CFindResponse : DimseResponse
{
    /// <summary>Answers <paramref name="request"/>; a pending status needs the match in <paramref name="identifier"/>.</summary>
    public CFindResponse(CFindRequest request, DimseStatus status, DicomDataset? identifier = null)
        : base(DimseCommandField.CFindResponse, request, status, identifier) { }

    internal CFindResponse(DicomDataset command) : base(command, null) { }
}

/// <summary>C-CANCEL-RQ (PS3.7 §9.3.2.3): stops the C-FIND, C-GET or C-MOVE with that Message ID.</summary>
public sealed class CCancelRequest : DimseMessage
{
    /// <summary>Cancels the request whose Message ID is <paramref name="messageId"/>.</summary>
    public CCancelRequest(ushort messageId) : base(DimseCommandField.CCancelRequest, null) =>
        Command.Set(DicomTag.MessageIDBeingRespondedTo, messageId);

    internal CCancelRequest(DicomDataset command) : base(command, null) { }

    /// <summary>Message ID Being Responded To (0000,0120): the request to cancel.</summary>
    public ushort MessageIdBeingRespondedTo => GetUInt16(DicomTag.MessageIDBeingRespondedTo);
}
