using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network.Tests.Dimse;

/// <summary>Every message type through WriteCommand/ReadCommand and the factory; statuses; responses made from requests.</summary>
public class MessageModelTests
{
    private const string CT = "1.2.840.10008.5.1.4.1.1.2";
    private const string StudyRootFind = "1.2.840.10008.5.1.4.1.2.2.1";
    private const string StudyRootMove = "1.2.840.10008.5.1.4.1.2.2.2";
    private const string StudyRootGet = "1.2.840.10008.5.1.4.1.2.2.3";
    private const string StorageCommitment = "1.2.840.10008.1.20.1";
    private const string StorageCommitmentInstance = "1.2.840.10008.1.20.1.1";

    private static byte[] Encode(DimseMessage message)
    {
        var stream = new MemoryStream();
        message.WriteCommand(stream);
        return stream.ToArray();
    }

    private static T RoundTrip<T>(T message) where T : DimseMessage
    {
        var bytes = Encode(message);
        var back = DimseMessage.ReadCommand(new MemoryStream(bytes));
        var typed = Assert.IsType<T>(back);
        Assert.Equal(message.CommandField, typed.CommandField);
        Assert.Equal(message.HasDataset, typed.HasDataset);
        Assert.Equal(bytes, Encode(typed));
        return typed;
    }

    private static DicomDataset Identifier() => new DicomDataset()
        .Set(DicomTag.QueryRetrieveLevel, "STUDY")
        .Set(DicomTag.StudyInstanceUID, "1.2.3");

    public static TheoryData<string> RequestKinds() =>
    [
        "C-ECHO", "C-STORE", "C-FIND", "C-GET", "C-MOVE",
        "N-EVENT-REPORT", "N-GET", "N-SET", "N-ACTION", "N-CREATE", "N-DELETE",
    ];

    private static DimseRequest MakeRequest(string kind) => kind switch
    {
        "C-ECHO" => new CEchoRequest(),
        "C-STORE" => new CStoreRequest(CT, "1.2.3.4.5", new DicomDataset(), DimsePriority.Low) { MoveOriginatorAeTitle = "ORIGIN", MoveOriginatorMessageId = 99 },
        "C-FIND" => new CFindRequest(StudyRootFind, Identifier(), DimsePriority.High),
        "C-GET" => new CGetRequest(StudyRootGet, Identifier()),
        "C-MOVE" => new CMoveRequest(StudyRootMove, "DEST_AE", Identifier(), DimsePriority.Low),
        "N-EVENT-REPORT" => new NEventReportRequest(StorageCommitment, StorageCommitmentInstance, 2, new DicomDataset().Set(DicomTag.TransactionUID, "1.2.9")),
        "N-GET" => new NGetRequest(StorageCommitment, StorageCommitmentInstance, DicomTag.PatientName, DicomTag.PatientID),
        "N-SET" => new NSetRequest(StorageCommitment, StorageCommitmentInstance, new DicomDataset().Set(DicomTag.PatientName, "X")),
        "N-ACTION" => new NActionRequest(StorageCommitment, StorageCommitmentInstance, 1, new DicomDataset().Set(DicomTag.TransactionUID, "1.2.9")),
        "N-CREATE" => new NCreateRequest(StorageCommitment, "1.2.3.77", new DicomDataset().Set(DicomTag.PatientID, "P")),
        "N-DELETE" => new NDeleteRequest(StorageCommitment, StorageCommitmentInstance),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(RequestKinds))]
    public void Request_RoundTripsThroughTheFactory(string kind)
    {
        var rq = MakeRequest(kind);
        rq.MessageId = 0xBEEF;
        var back = (DimseRequest)DimseMessage.ReadCommand(new MemoryStream(Encode(rq)));
        Assert.Equal(rq.GetType(), back.GetType());
        Assert.Equal((ushort)0xBEEF, back.MessageId);
        Assert.Equal(rq.AffectedSopClassUid, back.AffectedSopClassUid);
        Assert.Equal(rq.AffectedSopInstanceUid, back.AffectedSopInstanceUid);
        Assert.Equal(rq.RequestedSopClassUid, back.RequestedSopClassUid);
        Assert.Equal(rq.RequestedSopInstanceUid, back.RequestedSopInstanceUid);
        Assert.Equal(rq.HasDataset, back.HasDataset);
        Assert.Equal(Encode(rq), Encode(back));
        Assert.NotNull(back.SopClassUid);

        switch (back)
        {
            case CStoreRequest s:
                Assert.Equal(DimsePriority.Low, s.Priority);
                Assert.Equal("ORIGIN", s.MoveOriginatorAeTitle);
                Assert.Equal((ushort)99, s.MoveOriginatorMessageId);
                Assert.True(s.HasDataset);
                break;
            case CFindRequest f:
                Assert.Equal(DimsePriority.High, f.Priority);
                Assert.True(f.HasDataset);
                break;
            case CGetRequest g:
                Assert.Equal(DimsePriority.Medium, g.Priority);
                Assert.True(g.HasDataset);
                break;
            case CMoveRequest m:
                Assert.Equal("DEST_AE", m.MoveDestination);
                Assert.Equal(DimsePriority.Low, m.Priority);
                break;
            case NEventReportRequest e:
                Assert.Equal((ushort)2, e.EventTypeId);
                Assert.True(e.HasDataset);
                break;
            case NGetRequest n:
                Assert.Equal([DicomTag.PatientName, DicomTag.PatientID], n.AttributeIdentifiers);
                Assert.False(n.HasDataset);
                break;
            case NActionRequest a:
                Assert.Equal((ushort)1, a.ActionTypeId);
                break;
            case CEchoRequest or NDeleteRequest:
                Assert.False(back.HasDataset);
                break;
        }
    }

    [Fact]
    public void Cancel_RoundTrips()
    {
        var back = RoundTrip(new CCancelRequest(0x0101));
        Assert.Equal((ushort)0x0101, back.MessageIdBeingRespondedTo);
        Assert.False(back.HasDataset);
        Assert.Equal(DimseCommandField.CCancelRequest, back.CommandField);
    }

    [Theory]
    [MemberData(nameof(RequestKinds))]
    public void CreateResponse_EchoesMessageIdClassAndInstance(string kind)
    {
        var rq = MakeRequest(kind);
        rq.MessageId = 321;
        var rsp = rq.CreateResponse(DimseStatus.Success);
        var expectedType = kind switch
        {
            "C-ECHO" => typeof(CEchoResponse),
            "C-STORE" => typeof(CStoreResponse),
            "C-FIND" => typeof(CFindResponse),
            "C-GET" => typeof(CGetResponse),
            "C-MOVE" => typeof(CMoveResponse),
            "N-EVENT-REPORT" => typeof(NEventReportResponse),
            "N-GET" => typeof(NGetResponse),
            "N-SET" => typeof(NSetResponse),
            "N-ACTION" => typeof(NActionResponse),
            "N-CREATE" => typeof(NCreateResponse),
            "N-DELETE" => typeof(NDeleteResponse),
            _ => throw new ArgumentException(kind),
        };
        Assert.IsType(expectedType, rsp);
        Assert.Equal((ushort)((ushort)rq.CommandField | 0x8000), (ushort)rsp.CommandField);
        Assert.Equal((ushort)321, rsp.MessageIdBeingRespondedTo);
        Assert.Equal(DimseStatus.Success, rsp.Status);
        // The response names the SOP class (and instance) as Affected (PS3.7 §9.3, §10.3 response tables).
        Assert.Equal(rq.SopClassUid, rsp.AffectedSopClassUid);
        Assert.Equal(rq.AffectedSopInstanceUid ?? rq.RequestedSopInstanceUid, rsp.AffectedSopInstanceUid);
        Assert.Null(rsp.RequestedSopClassUid);
        Assert.False(rsp.HasDataset);
        if (rq is NEventReportRequest) Assert.Equal((ushort)2, rsp.Command.GetValue<ushort>(DicomTag.EventTypeID));
        else Assert.False(rsp.Command.Contains(DicomTag.EventTypeID));
        if (rq is NActionRequest) Assert.Equal((ushort)1, rsp.Command.GetValue<ushort>(DicomTag.ActionTypeID));
        else Assert.False(rsp.Command.Contains(DicomTag.ActionTypeID));
        // The response survives the wire.
        var back = (DimseResponse)DimseMessage.ReadCommand(new MemoryStream(Encode(rsp)));
        Assert.IsType(expectedType, back);
        Assert.Equal((ushort)321, back.MessageIdBeingRespondedTo);
        Assert.Equal(Encode(rsp), Encode(back));
    }

    [Fact]
    public void FailureDetails_RoundTrip()
    {
        var rq = new CStoreRequest(CT, "1.2.3", new DicomDataset()) { MessageId = 5 };
        var rsp = rq.CreateResponse(DimseStatus.DataSetDoesNotMatchSopClass);
        rsp.ErrorComment = "no Rows";
        rsp.OffendingElements = [DicomTag.Rows, DicomTag.Columns];
        rsp.ErrorId = 0x0042;
        var back = (CStoreResponse)DimseMessage.ReadCommand(new MemoryStream(Encode(rsp)));
        Assert.Equal(DimseStatus.DataSetDoesNotMatchSopClass, back.Status);
        Assert.Equal("no Rows", back.ErrorComment);
        Assert.Equal([DicomTag.Rows, DicomTag.Columns], back.OffendingElements);
        Assert.Equal((ushort)0x0042, back.ErrorId);
        Assert.True(back.Status.IsFailure);
    }

    [Fact]
    public void PendingFindResponse_CarriesItsIdentifier()
    {
        var rq = new CFindRequest(StudyRootFind, Identifier()) { MessageId = 3 };
        var rsp = new CFindResponse(rq, DimseStatus.Pending, Identifier());
        Assert.True(rsp.HasDataset);
        var back = RoundTrip(rsp);
        Assert.True(back.Status.IsPending);
        Assert.True(back.HasDataset);
    }

    [Fact]
    public void RetrieveCounts_RoundTrip()
    {
        var rq = new CGetRequest(StudyRootGet, Identifier()) { MessageId = 3 };
        var rsp = new CGetResponse(rq, DimseStatus.Pending) { Remaining = 4, Completed = 3, Failed = 2, Warning = 1 };
        var back = RoundTrip(rsp);
        Assert.Equal((ushort?)4, back.Remaining);
        Assert.Equal((ushort?)3, back.Completed);
        Assert.Equal((ushort?)2, back.Failed);
        Assert.Equal((ushort?)1, back.Warning);
        rsp.Warning = null;
        Assert.Null(RoundTrip(rsp).Warning);
    }

    public static TheoryData<ushort, DimseStatusState> StatusRanges() => new()
    {
        // PS3.7 Annex C: Success
        { 0x0000, DimseStatusState.Success },
        // Warning: 0001H, 0107H, 0116H, Bxxx
        { 0x0001, DimseStatusState.Warning },
        { 0x0107, DimseStatusState.Warning },
        { 0x0116, DimseStatusState.Warning },
        { 0xB000, DimseStatusState.Warning },
        { 0xB007, DimseStatusState.Warning },
        { 0xBFFF, DimseStatusState.Warning },
        // Failure: Axxx, Cxxx, 01xx (others), 02xx
        { 0xA700, DimseStatusState.Failure },
        { 0xA900, DimseStatusState.Failure },
        { 0xAFFF, DimseStatusState.Failure },
        { 0xC000, DimseStatusState.Failure },
        { 0xCFFF, DimseStatusState.Failure },
        { 0x0105, DimseStatusState.Failure },
        { 0x0106, DimseStatusState.Failure },
        { 0x0110, DimseStatusState.Failure },
        { 0x0117, DimseStatusState.Failure },
        { 0x0122, DimseStatusState.Failure },
        { 0x0124, DimseStatusState.Failure },
        { 0x0210, DimseStatusState.Failure },
        { 0x0213, DimseStatusState.Failure },
        // Cancel
        { 0xFE00, DimseStatusState.Cancel },
        // Pending
        { 0xFF00, DimseStatusState.Pending },
        { 0xFF01, DimseStatusState.Pending },
    };

    [Theory]
    [MemberData(nameof(StatusRanges))]
    public void StatusState_FollowsAnnexC(ushort code, DimseStatusState state)
    {
        var status = new DimseStatus(code);
        Assert.Equal(state, status.State);
        Assert.Equal(state == DimseStatusState.Success, status.IsSuccess);
        Assert.Equal(state == DimseStatusState.Pending, status.IsPending);
        Assert.Equal(state == DimseStatusState.Failure, status.IsFailure);
        Assert.StartsWith($"{code:X4}H", status.ToString());
    }

    [Fact]
    public void NamedStatuses_HaveTheirAnnexCCodes()
    {
        Assert.Equal(0x0110, DimseStatus.ProcessingFailure.Code);
        Assert.Equal(0x0122, DimseStatus.SopClassNotSupported.Code);
        Assert.Equal(0x0211, DimseStatus.UnrecognizedOperation.Code);
        Assert.Equal(0xA700, DimseStatus.OutOfResources.Code);
        Assert.Equal(0xFE00, DimseStatus.Cancel.Code);
        Assert.Equal(0xFF00, DimseStatus.Pending.Code);
        Assert.Equal(0xFF01, DimseStatus.PendingWithWarnings.Code);
        Assert.Equal(0xC000, DimseStatus.CannotUnderstand.Code);
    }

    [Fact]
    public void CStoreRequestFromFile_TakesClassAndInstanceFromTheDataSet()
    {
        var ds = new DicomDataset().Set(DicomTag.SOPClassUID, CT).Set(DicomTag.SOPInstanceUID, "1.2.3.4.5.6");
        var rq = new CStoreRequest(new DicomFile(ds));
        Assert.Equal(CT, rq.AffectedSopClassUid);
        Assert.Equal("1.2.3.4.5.6", rq.AffectedSopInstanceUid);
        Assert.True(rq.HasDataset);
        Assert.Same(ds, rq.Dataset);
        Assert.Throws<ArgumentException>(() => new CStoreRequest(new DicomFile(new DicomDataset())));
    }

    [Fact]
    public void A_response_echoes_a_malformed_sop_class_uid_byte_for_byte()
    {
        var request = new CEchoRequest();
        byte[] hostile = [(byte)'1', (byte)'.', 0xFF, 0xFF, (byte)':', (byte)'8'];
        request.Command.SetBytes(DicomTag.AffectedSOPClassUID, DicomVR.UI, hostile);

        var response = request.CreateResponse(DimseStatus.Success);

        Assert.Equal(hostile, response.Command.GetBytes(DicomTag.AffectedSOPClassUID).ToArray());
        Assert.Equal(DimseStatus.Success, response.Status);
    }

    [Fact]
    public void A_response_to_an_n_set_names_the_requested_instance_as_affected()
    {
        var request = new NSetRequest("1.2.840.10008.3.1.2.3.3", "1.2.3.4", new DicomDataset());
        var response = request.CreateResponse(DimseStatus.Success);
        Assert.Equal("1.2.840.10008.3.1.2.3.3", response.AffectedSopClassUid);
        Assert.Equal("1.2.3.4", response.AffectedSopInstanceUid);
    }
}
