using Hounsfield.Archive.Hl7;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Tests.Hl7;

public sealed class OrderMessageMapperTests
{
    private static OrderChange MapOne(string text, string charset = "") => Assert.Single(OrderMessageMapper.Map(Hl7Parser.Parse(text), charset));

    [Fact]
    public void New_order_fills_patient_visit_order_and_scheduled_step()
    {
        var change = MapOne(Hl7Orders.Orm());
        Assert.Equal(OrderAction.New, change.Action);
        Assert.Equal("ACC1/RP1/SPS1", change.Key);
        var item = change.Item!;
        Assert.Equal("P1", item.GetString(DicomTag.PatientID));
        Assert.Equal("HOSP", item.GetString(DicomTag.IssuerOfPatientID));
        Assert.Equal("Doe^John^Q", item.GetString(DicomTag.PatientName));
        Assert.Equal("19700203", item.GetString(DicomTag.PatientBirthDate));
        Assert.Equal("M", item.GetString(DicomTag.PatientSex));
        Assert.Equal("Referrer^Rita^^Dr", item.GetString(DicomTag.ReferringPhysicianName));
        Assert.Equal("V789", item.GetString(DicomTag.AdmissionID));
        Assert.Equal("RAD R12 B3", item.GetString(DicomTag.CurrentPatientLocation));
        Assert.Equal("ACC1", item.GetString(DicomTag.AccessionNumber));
        Assert.Equal("RP1", item.GetString(DicomTag.RequestedProcedureID));
        Assert.Equal("CT Chest", item.GetString(DicomTag.RequestedProcedureDescription));
        Assert.Equal("CTCHEST", item.GetSequence(DicomTag.RequestedProcedureCodeSequence)![0].GetString(DicomTag.CodeValue));
        Assert.Equal("PL1", item.GetString(DicomTag.PlacerOrderNumberImagingServiceRequest));
        Assert.Equal("FL1", item.GetString(DicomTag.FillerOrderNumberImagingServiceRequest));
        Assert.Equal("Orderer^Otto", item.GetString(DicomTag.RequestingPhysician));
        Assert.Equal("STAT", item.GetString(DicomTag.RequestedProcedurePriority));
        Assert.Equal("Stretcher", item.GetString(DicomTag.PatientTransportArrangements));
        Assert.Equal("Cough", item.GetString(DicomTag.ReasonForTheRequestedProcedure));
        Assert.Equal("Pregnant", item.GetString(DicomTag.MedicalAlerts));
        Assert.Equal("Penicillin", item.GetString(DicomTag.Allergies));
        var step = item.GetSequence(DicomTag.ScheduledProcedureStepSequence)![0];
        Assert.Equal("CT", step.GetString(DicomTag.Modality));
        Assert.Equal("CT_AE1", step.GetString(DicomTag.ScheduledStationAETitle));
        Assert.Equal("20240115", step.GetString(DicomTag.ScheduledProcedureStepStartDate));
        Assert.Equal("0930", step.GetString(DicomTag.ScheduledProcedureStepStartTime));
        Assert.Equal("SPS1", step.GetString(DicomTag.ScheduledProcedureStepID));
        Assert.Equal("Chest protocol", step.GetString(DicomTag.ScheduledProcedureStepDescription));
        Assert.Equal("P1", step.GetSequence(DicomTag.ScheduledProtocolCodeSequence)![0].GetString(DicomTag.CodeValue));
        Assert.Equal("Tech^Tina", step.GetString(DicomTag.ScheduledPerformingPhysicianName));
        Assert.Equal("SCHEDULED", step.GetString(DicomTag.ScheduledProcedureStepStatus));
    }

    [Fact]
    public void Each_order_group_is_one_change()
    {
        var text = Hl7Orders.Orm() + "ORC|CA|PL2|FL2\rOBR|1|PL2|FL2|X^Y||||||||||||||ACC2|RP2|SPS2||||MR\r";
        var changes = OrderMessageMapper.Map(Hl7Parser.Parse(text), "");
        Assert.Equal([(OrderAction.New, "ACC1/RP1/SPS1"), (OrderAction.Cancel, "ACC2/RP2/SPS2")], changes.Select(c => (c.Action, c.Key)));
        Assert.Null(changes[1].Item);
    }

    [Fact]
    public void Order_without_obr_is_a_segment_sequence_error()
    {
        var text = Hl7Orders.Orm() + "ORC|NW|PL3|FL3\r";
        Assert.Equal(Hl7ErrorCode.SegmentSequenceError, Assert.Throws<Hl7Exception>(() => OrderMessageMapper.Map(Hl7Parser.Parse(text), "")).Code);
    }

    [Fact]
    public void Unicode_names_are_kept_in_utf8_items()
    {
        var item = MapOne(Hl7Orders.Orm(patientName: "Müller^Jörg", charset: "UNICODE UTF-8"), "ISO_IR 192").Item!;
        Assert.Equal("ISO_IR 192", item.GetString(DicomTag.SpecificCharacterSet));
        Assert.Equal("Müller^Jörg", item.GetString(DicomTag.PatientName));
    }

    [Theory]
    [InlineData("CA", "", OrderAction.Cancel)]
    [InlineData("DC", "", OrderAction.Cancel)]
    [InlineData("XO", "", OrderAction.Change)]
    [InlineData("SC", "IP", OrderAction.Change)]
    [InlineData("SC", "CA", OrderAction.Cancel)]
    public void Order_control_selects_the_action(string control, string status, OrderAction expected) =>
        Assert.Equal(expected, MapOne(Hl7Orders.Orm(control: control, orderStatus: status)).Action);

    [Theory]
    [InlineData("ZZ", Hl7ErrorCode.TableValueNotFound)]
    public void Unsupported_order_control_is_an_application_error(string control, Hl7ErrorCode code)
    {
        var e = Assert.Throws<Hl7Exception>(() => MapOne(Hl7Orders.Orm(control: control)));
        Assert.Equal(code, e.Code);
        Assert.False(e.Rejected);
    }

    [Fact]
    public void Missing_required_fields_are_named()
    {
        Assert.Contains("OBR-24", Assert.Throws<Hl7Exception>(() => MapOne(Hl7Orders.Orm(modality: ""))).Message);
        Assert.Contains("PID-3", Assert.Throws<Hl7Exception>(() => MapOne(Hl7Orders.Orm(pid3: ""))).Message);
        Assert.Contains("scheduled start", Assert.Throws<Hl7Exception>(() => MapOne(Hl7Orders.Orm(start: "").Replace("|20240115080000|", "||"))).Message);
    }
}
