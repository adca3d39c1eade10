using System.Text;
using Hounsfield.Archive.Hl7;
using Hounsfield.Archive.Workflow;
using Hounsfield.Archive.Worklist;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Hl7;

public sealed class OrderMessageReceiverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hf-hl7-").FullName;
    private readonly WorklistOptions _options = new() { ExpireAfter = TimeSpan.Zero, MaxHl7MessageBytes = 4096 };
    private readonly WorklistStore _store;
    private readonly OrderMessageReceiver _receiver;
    private readonly List<string> _log = [];

    public OrderMessageReceiverTests()
    {
        _store = new WorklistStore(new WorkflowDatabase(Path.Combine(_dir, "workflow.sqlite")), _options);
        _receiver = new OrderMessageReceiver(_store, _options, _log.Add);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Hl7Message Send(string text, Encoding? encoding = null, bool oversized = false)
    {
        var reply = _receiver.Handle(new MllpFrame((encoding ?? Encoding.ASCII).GetBytes(text), oversized, 0));
        return Hl7Parser.Parse(Encoding.Latin1.GetString(reply));
    }

    private static void AssertAck(Hl7Message ack, string code, string controlId, Hl7ErrorCode? error = null)
    {
        Assert.Equal("ACK", ack.MessageType);
        var msa = ack.Segment("MSA")!;
        Assert.Equal(code, msa.Value(1));
        Assert.Equal(controlId, msa.Value(2));
        if (error is null) Assert.Null(ack.Segment("ERR"));
        else Assert.Equal(((int)error).ToString(), ack.Segment("ERR")!.Value(3, 1));
    }

    [Fact]
    public void New_order_is_applied_and_acknowledged_AA()
    {
        var ack = Send(Hl7Orders.Orm(controlId: "C1"));
        AssertAck(ack, "AA", "C1");
        Assert.Equal("O01", ack.TriggerEvent);
        Assert.Equal("RIS", ack.Header.Value(5));
        Assert.Equal("CT", WorklistItemKey.FirstStep(_store.Get("ACC1/RP1/SPS1")!)!.GetString(DicomTag.Modality));
    }

    [Fact]
    public void Change_replaces_the_item_and_keeps_its_study()
    {
        Send(Hl7Orders.Orm());
        var study = _store.Get("ACC1/RP1/SPS1")!.GetString(DicomTag.StudyInstanceUID);
        AssertAck(Send(Hl7Orders.Orm(control: "XO", controlId: "C2", modality: "MR")), "AA", "C2");
        var item = _store.Get("ACC1/RP1/SPS1")!;
        Assert.Equal("MR", WorklistItemKey.FirstStep(item)!.GetString(DicomTag.Modality));
        Assert.Equal(study, item.GetString(DicomTag.StudyInstanceUID));
    }

    [Fact]
    public void Cancel_removes_the_item_and_an_unknown_cancel_is_AE_204()
    {
        Send(Hl7Orders.Orm());
        AssertAck(Send(Hl7Orders.Orm(control: "CA", controlId: "C3")), "AA", "C3");
        Assert.Empty(_store.List());
        AssertAck(Send(Hl7Orders.Orm(control: "CA", controlId: "C4")), "AE", "C4", Hl7ErrorCode.UnknownKeyIdentifier);
        Assert.Contains(_log, l => l.Contains("C4") && l.Contains("AE"));
    }

    [Fact]
    public void Change_of_an_unknown_order_is_AE_204_and_status_change_to_cancelled_removes()
    {
        AssertAck(Send(Hl7Orders.Orm(control: "XO", controlId: "C10")), "AE", "C10", Hl7ErrorCode.UnknownKeyIdentifier);
        Assert.Empty(_store.List());
        Send(Hl7Orders.Orm());
        AssertAck(Send(Hl7Orders.Orm(control: "SC", orderStatus: "CA", controlId: "C11")), "AA", "C11");
        Assert.Empty(_store.List());
    }

    [Fact]
    public void Missing_required_field_is_AE_101_and_changes_nothing()
    {
        var ack = Send(Hl7Orders.Orm(controlId: "C5", modality: ""));
        AssertAck(ack, "AE", "C5", Hl7ErrorCode.RequiredFieldMissing);
        Assert.Contains("OBR-24", ack.Segment("ERR")!.Value(8));
        Assert.Equal("24", ack.Segment("ERR")!.Value(2, 3));
        Assert.Empty(_store.List());
    }

    [Fact]
    public void Other_message_types_are_AR_200()
    {
        var adt = Hl7Orders.Orm(controlId: "C6").Replace("ORM^O01", "ADT^A08");
        AssertAck(Send(adt), "AR", "C6", Hl7ErrorCode.UnsupportedMessageType);
        AssertAck(Send(Hl7Orders.Orm(controlId: "C7").Replace("ORM^O01", "ORM^O02")), "AR", "C7", Hl7ErrorCode.UnsupportedEventCode);
    }

    [Fact]
    public void Malformed_text_is_AR_with_an_empty_control_id()
    {
        AssertAck(Send("this is not HL7"), "AR", "", Hl7ErrorCode.SegmentSequenceError);
        Assert.Contains(_log, l => l.Contains("AR"));
    }

    [Fact]
    public void Oversized_message_is_AR_echoing_its_control_id()
    {
        AssertAck(Send(Hl7Orders.Orm(controlId: "C8"), oversized: true), "AR", "C8", Hl7ErrorCode.ApplicationInternalError);
        Assert.Empty(_store.List());
    }

    [Fact]
    public void Latin1_message_declared_in_msh18_is_decoded()
    {
        var ack = Send(Hl7Orders.Orm(controlId: "C9", patientName: "Dür^Jo", charset: "8859/1"), Encoding.Latin1);
        AssertAck(ack, "AA", "C9");
        Assert.Equal("8859/1", ack.Header.Value(18));
        var item = _store.Get("ACC1/RP1/SPS1")!;
        Assert.Equal("ISO_IR 100", item.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Dür^Jo", item.GetString(DicomTag.PatientName));
    }
}
