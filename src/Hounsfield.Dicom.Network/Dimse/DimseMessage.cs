namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>
/// A DIMSE message (PS3.7 §6.3): a command set (group 0000, always Implicit VR Little Endian) and,
/// when Command Data Set Type (0000,0800) is not 0101H, a data set or identifier that follows it.
/// </summary>
public abstract class DimseMessage
{
    /// <summary>Command Data Set Type meaning "no data set".</summary>
    public const ushort NoDataSet = 0x0101;

    /// <summary>Wraps a command set (and its data set, when it has one).</summary>
    protected DimseMessage(DicomDataset command, DicomDataset? dataset)
    {
        Command = command;
        Dataset = dataset;
    }

    /// <summary>Starts a command set for <paramref name="field"/>.</summary>
    protected DimseMessage(DimseCommandField field, DicomDataset? dataset)
        : this(new DicomDataset(), dataset)
    {
        Command.Set(DicomTag.CommandField, (ushort)field);
        Command.Set(DicomTag.CommandDataSetType, dataset is null ? NoDataSet : (ushort)0x0000);
    }

    /// <summary>The command set.</summary>
    public DicomDataset Command { get; }

    /// <summary>The presentation context the message was received on (null for messages built locally).</summary>
    public PresentationContext? PresentationContext { get; internal set; }

    /// <summary>
    /// On the receiving side, why the data set that came with a request could not be parsed (the
    /// framing was sound, so the association goes on and the request is answered C000H), else null.
    /// </summary>
    public string? DatasetError { get; internal set; }

    /// <summary>The data set or identifier that travels with the command, when it is held in memory.</summary>
    public DicomDataset? Dataset { get; set; }

    /// <summary>Command Field (0000,0100).</summary>
    public DimseCommandField CommandField => (DimseCommandField)Command.GetValueOrDefault<ushort>(DicomTag.CommandField, 0, 0);

    /// <summary>True when Command Data Set Type (0000,0800) announces a data set.</summary>
    public bool HasDataset => Command.GetValueOrDefault<ushort>(DicomTag.CommandDataSetType, 0, NoDataSet) != NoDataSet;

    /// <summary>Marks whether a data set follows the command.</summary>
    public void SetHasDataset(bool value) => Command.Set(DicomTag.CommandDataSetType, value ? (ushort)0x0000 : NoDataSet);

    /// <summary>Affected SOP Class UID (0000,0002).</summary>
    public string? AffectedSopClassUid
    {
        get => Command.GetString(DicomTag.AffectedSOPClassUID);
        set => SetOrRemove(DicomTag.AffectedSOPClassUID, value);
    }

    /// <summary>Affected SOP Instance UID (0000,1000).</summary>
    public string? AffectedSopInstanceUid
    {
        get => Command.GetString(DicomTag.AffectedSOPInstanceUID);
        set => SetOrRemove(DicomTag.AffectedSOPInstanceUID, value);
    }

    /// <summary>Requested SOP Class UID (0000,0003), used by N-GET, N-SET, N-ACTION, N-DELETE.</summary>
    public string? RequestedSopClassUid
    {
        get => Command.GetString(DicomTag.RequestedSOPClassUID);
        set => SetOrRemove(DicomTag.RequestedSOPClassUID, value);
    }

    /// <summary>Requested SOP Instance UID (0000,1001).</summary>
    public string? RequestedSopInstanceUid
    {
        get => Command.GetString(DicomTag.RequestedSOPInstanceUID);
        set => SetOrRemove(DicomTag.RequestedSOPInstanceUID, value);
    }

    /// <summary>The SOP class this message concerns: affected, else requested.</summary>
    public string? SopClassUid => AffectedSopClassUid ?? RequestedSopClassUid;

    /// <summary>Encodes the command set: Implicit VR Little Endian with Command Group Length first (PS3.7 §6.3.1).</summary>
    public void WriteCommand(Stream stream)
    {
        Command.Remove(DicomTag.CommandGroupLength);
        Command.WriteTo(stream, DicomTransferSyntax.ImplicitVRLittleEndian, new DicomWriteOptions { IncludeGroupLengths = true });
    }

    /// <summary>Reads a command set and wraps it in the message type its Command Field names.</summary>
    /// <exception cref="DicomFormatException">The command set is malformed or names no known command.</exception>
    public static DimseMessage ReadCommand(Stream stream) => DimseMessageFactory.Create(DicomDataset.Read(stream, DicomTransferSyntax.ImplicitVRLittleEndian));

    /// <summary>"C-STORE-RQ ..." style summary for logs.</summary>
    public override string ToString() => $"{CommandField} {SopClassUid}";

    private protected void SetOrRemove(DicomTag tag, string? value)
    {
        if (value is null) Command.Remove(tag);
        else Command.Set(tag, value);
    }

    private protected ushort GetUInt16(DicomTag tag) => Command.GetValueOrDefault<ushort>(tag, 0, 0);

    private protected ushort? GetOptionalUInt16(DicomTag tag) => Command.TryGetValue<ushort>(tag, out var v) ? v : null;

    private protected void SetOptionalUInt16(DicomTag tag, ushort? value)
    {
        if (value is null) Command.Remove(tag);
        else Command.Set(tag, value.Value);
    }
}

/// <summary>A request: carries a Message ID (0000,0110).</summary>
public abstract class DimseRequest : DimseMessage
{
    /// <inheritdoc/>
    protected DimseRequest(DicomDataset command, DicomDataset? dataset) : base(command, dataset) { }

    /// <inheritdoc/>
    protected DimseRequest(DimseCommandField field, DicomDataset? dataset) : base(field, dataset) { }

    /// <summary>A response of the matching type with <paramref name="status"/>, e.g. to refuse the request.</summary>
    public abstract DimseResponse CreateResponse(DimseStatus status);

    /// <summary>A response with <paramref name="status"/>, an Error Comment a person can act on, and the attributes at fault.</summary>
    public DimseResponse CreateResponse(DimseStatus status, string errorComment, params DicomTag[] offendingElements)
    {
        var response = CreateResponse(status);
        response.ErrorComment = errorComment;
        if (offendingElements.Length > 0) response.OffendingElements = offendingElements;
        return response;
    }

    /// <summary>Message ID (0000,0110), assigned by the association when sent.</summary>
    public ushort MessageId
    {
        get => GetUInt16(DicomTag.MessageID);
        set => Command.Set(DicomTag.MessageID, value);
    }
}

/// <summary>A response: Message ID Being Responded To, Status, and the failure details PS3.7 C defines.</summary>
public abstract class DimseResponse : DimseMessage
{
    /// <inheritdoc/>
    protected DimseResponse(DicomDataset command, DicomDataset? dataset) : base(command, dataset) { }

    /// <summary>Starts a response to <paramref name="request"/> with <paramref name="status"/>, echoing its SOP class and instance.</summary>
    protected DimseResponse(DimseCommandField field, DimseRequest request, DimseStatus status, DicomDataset? dataset = null)
        : base(field, dataset)
    {
        MessageIdBeingRespondedTo = request.MessageId;
        Echo(request, DicomTag.AffectedSOPClassUID, DicomTag.AffectedSOPClassUID, DicomTag.RequestedSOPClassUID);
        Echo(request, DicomTag.AffectedSOPInstanceUID, DicomTag.AffectedSOPInstanceUID, DicomTag.RequestedSOPInstanceUID);
        Status = status;
    }

    // The request's UID is echoed as its bytes arrived: a malformed one (a hostile or broken peer)
    // must not keep the response — usually the refusal of that very request — from being built.
    private void Echo(DimseRequest request, DicomTag affected, params DicomTag[] from)
    {
        foreach (var tag in from)
        {
            if (!request.Command.Contains(tag)) continue;
            Command.SetBytes(affected, DicomVR.UI, request.Command.GetBytes(tag).ToArray());
            return;
        }
    }

    /// <summary>Message ID Being Responded To (0000,0120).</summary>
    public ushort MessageIdBeingRespondedTo
    {
        get => GetUInt16(DicomTag.MessageIDBeingRespondedTo);
        set => Command.Set(DicomTag.MessageIDBeingRespondedTo, value);
    }

    /// <summary>Status (0000,0900).</summary>
    public DimseStatus Status
    {
        get => new(GetUInt16(DicomTag.Status));
        set => Command.Set(DicomTag.Status, value.Code);
    }

    /// <summary>
    /// Error Comment (0000,0902): what went wrong, for a person. A command set has no Specific
    /// Character Set, so the text is kept to the default repertoire: other characters become '?',
    /// control characters spaces, the value delimiter '\' a '/', and it is cut to the 64 characters of LO.
    /// </summary>
    public string? ErrorComment
    {
        get => Command.GetString(DicomTag.ErrorComment);
        set => SetOrRemove(DicomTag.ErrorComment, value is null ? null : ToDefaultRepertoire(value, 64));
    }

    private static string ToDefaultRepertoire(string text, int maxLength)
    {
        var chars = new char[Math.Min(text.Length, maxLength)];
        for (var i = 0; i < chars.Length; i++)
        {
            var c = text[i];
            chars[i] = c switch
            {
                '\\' => '/',
                < ' ' or '\x7F' => ' ',
                > '\x7E' => '?',
                _ => c,
            };
        }
        return new string(chars);
    }

    /// <summary>Offending Element (0000,0901): the attributes that caused a failure.</summary>
    public IReadOnlyList<DicomTag> OffendingElements
    {
        get => Command.GetValues<DicomTag>(DicomTag.OffendingElement);
        set
        {
            if (value.Count == 0) Command.Remove(DicomTag.OffendingElement);
            else Command.Set(DicomTag.OffendingElement, DicomVR.AT, value.ToArray());
        }
    }

    /// <summary>Error ID (0000,0903).</summary>
    public ushort? ErrorId
    {
        get => GetOptionalUInt16(DicomTag.ErrorID);
        set => SetOptionalUInt16(DicomTag.ErrorID, value);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{CommandField} {Status}{(ErrorComment is { } c ? ": " + c : "")}";
}
