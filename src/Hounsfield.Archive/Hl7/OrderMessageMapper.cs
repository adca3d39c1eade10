using Hounsfield.Archive.Worklist;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Hl7;

/// <summary>
/// Maps the order groups of an ORM^O01 to Modality Worklist items, modelled on the IHE Radiology Scheduled Workflow
/// mapping of HL7 v2.3.1 order fields to DICOM attributes (the table is in docs/hl7.md): PID and PV1 give the
/// patient and visit, each ORC with its OBR one requested procedure with one scheduled procedure step.
/// </summary>
public static class OrderMessageMapper
{
    /// <summary>The changes <paramref name="message"/> asks for, one per ORC/OBR group.</summary>
    /// <exception cref="Hl7Exception">A required segment or field is missing, or ORC-1 is not a supported order control.</exception>
    public static IReadOnlyList<OrderChange> Map(Hl7Message message, string dicomCharacterSet)
    {
        var pid = message.Segment("PID") ?? throw Missing("PID", "the PID segment is missing", segment: true);
        var changes = new List<OrderChange>();
        var segments = message.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Id != "ORC") continue;
            var orc = segments[i];
            var obr = segments.Skip(i + 1).TakeWhile(s => s.Id != "ORC").FirstOrDefault(s => s.Id == "OBR")
                ?? throw Missing("OBR", $"ORC {changes.Count + 1} has no OBR segment", segment: true);
            changes.Add(MapGroup(message, pid, orc, obr, dicomCharacterSet));
        }
        if (changes.Count == 0) throw Missing("ORC", "the message has no ORC segment", segment: true);
        return changes;
    }

    private static OrderChange MapGroup(Hl7Message message, Hl7Segment pid, Hl7Segment orc, Hl7Segment obr, string characterSet)
    {
        var control = orc.Value(1).Trim().ToUpperInvariant();
        var action = control switch
        {
            "NW" => OrderAction.New,
            "XO" => OrderAction.Change,
            "SC" when orc.Value(5).Trim().ToUpperInvariant() is "CA" or "DC" or "CM" => OrderAction.Cancel,
            "SC" => OrderAction.Change,
            "CA" or "DC" or "OC" => OrderAction.Cancel,
            "" => throw Missing("ORC^1^1", "ORC-1 (order control) is empty"),
            _ => throw new Hl7Exception(Hl7ErrorCode.TableValueNotFound, $"ORC-1 order control '{control}' is not supported (NW, XO, SC, CA, DC, OC)", location: "ORC^1^1"),
        };
        var accession = First(obr.Value(18), orc.Value(3), obr.Value(3));
        if (accession.Length == 0) throw Missing("OBR^1^18", "no accession number: OBR-18, ORC-3 and OBR-3 are empty");
        var requestedProcedureId = First(obr.Value(19), accession);
        var stepId = First(obr.Value(20), requestedProcedureId);
        var key = WorklistItemKey.Compose(accession, requestedProcedureId, stepId);
        if (action == OrderAction.Cancel) return new OrderChange(action, control, key, accession, null);
        var item = BuildItem(message, pid, orc, obr, characterSet);
        item.Set(DicomTag.AccessionNumber, accession).Set(DicomTag.RequestedProcedureID, requestedProcedureId);
        WorklistItemKey.FirstStep(item)!.Set(DicomTag.ScheduledProcedureStepID, stepId);
        return new OrderChange(action, control, key, accession, item);
    }

    private static DicomDataset BuildItem(Hl7Message message, Hl7Segment pid, Hl7Segment orc, Hl7Segment obr, string characterSet)
    {
        var item = new DicomDataset();
        if (characterSet.Length > 0) item.Set(DicomTag.SpecificCharacterSet, characterSet);
        var step = new DicomDataset();
        item.SetSequence(DicomTag.ScheduledProcedureStepSequence, step);
        MapPatient(item, pid, message);
        MapVisit(item, message.Segment("PV1"));
        MapOrder(item, orc, obr);
        MapStep(step, orc, obr);
        if (message.Segment("ZDS")?.Value(1) is { Length: > 0 } studyUid) item.Set(DicomTag.StudyInstanceUID, studyUid.Trim());
        item.SetSequence(DicomTag.ReferencedStudySequence);
        item.SetSequence(DicomTag.ReferencedPatientSequence);
        return item;
    }

    private static void MapPatient(DicomDataset item, Hl7Segment pid, Hl7Message message)
    {
        var patientId = pid.Value(3);
        if (patientId.Length == 0) throw Missing("PID^1^3", "PID-3 (patient identifier list) is empty");
        item.Set(DicomTag.PatientID, patientId);
        Put(item, DicomTag.IssuerOfPatientID, pid.Value(3, 4));
        item.Set(DicomTag.PatientName, PersonName(pid, 5, 1));
        Put(item, DicomTag.PatientBirthDate, Date(pid.Value(7)));
        var sex = pid.Value(8).Trim().ToUpperInvariant();
        item.Set(DicomTag.PatientSex, sex is "M" or "F" or "O" ? sex : "");
        var allergies = message.All("AL1").Select(a => First(a.Value(3, 2), a.Value(3))).Where(a => a.Length > 0).ToArray();
        if (allergies.Length > 0) item.Set(DicomTag.Allergies, allergies);
        foreach (var obx in message.All("OBX"))
            if (IsWeight(obx) && decimal.TryParse(obx.Value(5), System.Globalization.CultureInfo.InvariantCulture, out _))
                item.Set(DicomTag.PatientWeight, DicomVR.DS, obx.Value(5).Trim());
    }

    // LOINC 29463-7 / 3141-9 (body weight) or a code text naming the weight, in kg.
    private static bool IsWeight(Hl7Segment obx) =>
        (obx.Value(3) is "29463-7" or "3141-9" || obx.Value(3, 2).Contains("WEIGHT", StringComparison.OrdinalIgnoreCase))
        && obx.Value(6).Trim().ToLowerInvariant() is "kg" or "";

    private static void MapVisit(DicomDataset item, Hl7Segment? pv1)
    {
        item.Set(DicomTag.ReferringPhysicianName, pv1 is null ? "" : PersonName(pv1, 8, 2));
        if (pv1 is null) return;
        Put(item, DicomTag.AdmissionID, pv1.Value(19));
        Put(item, DicomTag.CurrentPatientLocation, string.Join(' ', pv1.Components(3).Where(c => c.Length > 0)));
    }

    private static void MapOrder(DicomDataset item, Hl7Segment orc, Hl7Segment obr)
    {
        Put(item, DicomTag.PlacerOrderNumberImagingServiceRequest, First(orc.Value(2), obr.Value(2)));
        Put(item, DicomTag.FillerOrderNumberImagingServiceRequest, First(orc.Value(3), obr.Value(3)));
        item.Set(DicomTag.RequestingPhysician, First(PersonName(orc, 12, 2), PersonName(obr, 16, 2)));
        var procedure = obr.Value(44).Length > 0 ? 44 : 4;
        item.Set(DicomTag.RequestedProcedureDescription, First(obr.Value(procedure, 2), obr.Value(procedure, 1)));
        if (obr.Value(procedure, 1).Length > 0)
            SetCode(item, DicomTag.RequestedProcedureCodeSequence, obr.Value(procedure, 1), obr.Value(procedure, 3), obr.Value(procedure, 2));
        Put(item, DicomTag.RequestedProcedurePriority, Priority(First(orc.Value(7, 6), obr.Value(27, 6), obr.Value(5))));
        Put(item, DicomTag.PatientTransportArrangements, obr.Value(30));
        Put(item, DicomTag.ReasonForTheRequestedProcedure, First(obr.Value(31, 2), obr.Value(31)));
        Put(item, DicomTag.PatientState, First(obr.Value(12, 2), obr.Value(12)));
        Put(item, DicomTag.MedicalAlerts, obr.Value(13));
    }

    private static void MapStep(DicomDataset step, Hl7Segment orc, Hl7Segment obr)
    {
        var modality = obr.Value(24).Trim();
        if (modality.Length == 0) throw Missing("OBR^1^24", "OBR-24 (diagnostic service section: the modality) is empty");
        step.Set(DicomTag.Modality, modality);
        Put(step, DicomTag.ScheduledStationAETitle, obr.Value(21).Trim());
        var start = First(orc.Value(7, 4), obr.Value(27, 4), obr.Value(7), orc.Value(9));
        var date = Date(start);
        if (date.Length == 0) throw Missing("ORC^1^7", "no scheduled start: ORC-7.4, OBR-27.4 and OBR-7 are empty or not dates");
        step.Set(DicomTag.ScheduledProcedureStepStartDate, date);
        step.Set(DicomTag.ScheduledProcedureStepStartTime, Time(start));
        step.Set(DicomTag.ScheduledPerformingPhysicianName, Technician(obr));
        var hasAlternate = obr.Value(4, 4).Length > 0;
        step.Set(DicomTag.ScheduledProcedureStepDescription, First(obr.Value(4, 5), obr.Value(4, 2)));
        var first = hasAlternate ? 4 : 1;
        if (obr.Value(4, first).Length > 0)
            SetCode(step, DicomTag.ScheduledProtocolCodeSequence, obr.Value(4, first), obr.Value(4, first + 2), obr.Value(4, first + 1));
        step.Set(DicomTag.ScheduledProcedureStepStatus, "SCHEDULED");
    }

    // The item is attached before its values are set, so that they are encoded in the item's character set.
    private static void SetCode(DicomDataset parent, DicomTag sequence, string value, string scheme, string meaning)
    {
        var code = new DicomDataset();
        parent.SetSequence(sequence, code);
        code.Set(DicomTag.CodeValue, value).Set(DicomTag.CodingSchemeDesignator, scheme.Length > 0 ? scheme : "L").Set(DicomTag.CodeMeaning, meaning.Length > 0 ? meaning : value);
    }

    // XPN (family^given^middle^suffix^prefix) or XCN (id^family^given^middle^suffix^prefix) to DICOM's family^given^middle^prefix^suffix.
    private static string PersonName(Hl7Segment segment, int field, int familyComponent)
    {
        string C(int offset) => segment.Value(field, familyComponent + offset);
        return JoinName(C(0), C(1), C(2), C(4), C(3));
    }

    // OBR-34 is NDL: its first component is CNN with subcomponents id&family&given&middle&suffix&prefix.
    private static string Technician(Hl7Segment obr)
    {
        string S(int sub) => obr.Value(34, 1, sub);
        return JoinName(S(2), S(3), S(4), S(6), S(5));
    }

    private static string JoinName(params string[] parts) => string.Join('^', parts).TrimEnd('^');

    private static string Date(string timestamp)
    {
        var t = timestamp.Trim();
        return t.Length >= 8 && t[..8].All(char.IsAsciiDigit) ? t[..8] : "";
    }

    private static string Time(string timestamp)
    {
        var t = timestamp.Trim();
        var digits = new string(t.Skip(8).TakeWhile(char.IsAsciiDigit).Take(6).ToArray());
        return digits.Length >= 4 ? digits : digits.Length == 2 ? digits + "00" : "";
    }

    // HL7 table 0027 priorities to the Defined Terms of Requested Procedure Priority.
    private static string Priority(string hl7) => hl7.Trim().ToUpperInvariant() switch
    {
        "S" => "STAT",
        "A" => "HIGH",
        "R" => "ROUTINE",
        "P" or "C" or "T" => "MEDIUM",
        _ => "",
    };

    private static void Put(DicomDataset dataset, DicomTag tag, string value)
    {
        if (value.Trim().Length > 0) dataset.Set(tag, value.Trim());
    }

    private static string First(params string[] values) => values.FirstOrDefault(v => v.Trim().Length > 0)?.Trim() ?? "";

    private static Hl7Exception Missing(string location, string text, bool segment = false) =>
        new(segment ? Hl7ErrorCode.SegmentSequenceError : Hl7ErrorCode.RequiredFieldMissing, text, location: location);
}
