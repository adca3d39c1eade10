namespace Hounsfield.Dicom.Media;

/// <summary>
/// The directory records of a General Purpose File-set (PS3.3 F.5, PS3.11 STD-GEN-*): which record
/// type a SOP class gets and which keys each record copies from the instance.
/// </summary>
internal static class DirectoryRecords
{
    private static readonly DicomTag[] PatientKeys = [DicomTag.PatientName, DicomTag.PatientID, DicomTag.PatientBirthDate, DicomTag.PatientSex];
    private static readonly DicomTag[] StudyKeys =
        [DicomTag.StudyDate, DicomTag.StudyTime, DicomTag.StudyDescription, DicomTag.StudyInstanceUID, DicomTag.StudyID, DicomTag.AccessionNumber];
    private static readonly DicomTag[] SeriesKeys = [DicomTag.Modality, DicomTag.SeriesInstanceUID, DicomTag.SeriesNumber, DicomTag.SeriesDescription];

    // Keys of each leaf record type; Type 1 and 2 keys of F.5 first, then useful optional ones.
    private static readonly Dictionary<string, DicomTag[]> LeafKeys = new()
    {
        ["IMAGE"] = [DicomTag.InstanceNumber],
        ["SR DOCUMENT"] = [DicomTag.InstanceNumber, DicomTag.CompletionFlag, DicomTag.VerificationFlag, DicomTag.ContentDate, DicomTag.ContentTime,
            DicomTag.VerificationDateTime, DicomTag.ConceptNameCodeSequence],
        ["KEY OBJECT DOC"] = [DicomTag.InstanceNumber, DicomTag.ContentDate, DicomTag.ContentTime, DicomTag.ConceptNameCodeSequence],
        ["PRESENTATION"] = [DicomTag.InstanceNumber, DicomTag.ContentLabel, DicomTag.ContentDescription, DicomTag.PresentationCreationDate,
            DicomTag.PresentationCreationTime, DicomTag.ContentCreatorName, DicomTag.ReferencedSeriesSequence],
        ["ENCAP DOC"] = [DicomTag.InstanceNumber, DicomTag.ContentDate, DicomTag.ContentTime, DicomTag.DocumentTitle,
            DicomTag.MIMETypeOfEncapsulatedDocument, DicomTag.ConceptNameCodeSequence],
    };

    private static readonly DicomTag[] DefaultLeafKeys = [DicomTag.InstanceNumber, DicomTag.ContentDate, DicomTag.ContentTime];

    // The record type of PS3.3 Table F.4-1 for a SOP class, by its place in the registry.
    public static string RecordTypeOf(string sopClassUid) => sopClassUid switch
    {
        "1.2.840.10008.5.1.4.1.1.88.59" => "KEY OBJECT DOC",
        "1.2.840.10008.5.1.4.1.1.481.2" => "RT DOSE",
        "1.2.840.10008.5.1.4.1.1.481.3" => "RT STRUCTURE SET",
        "1.2.840.10008.5.1.4.1.1.481.5" or "1.2.840.10008.5.1.4.1.1.481.8" => "RT PLAN",
        "1.2.840.10008.5.1.4.1.1.481.4" or "1.2.840.10008.5.1.4.1.1.481.6" or "1.2.840.10008.5.1.4.1.1.481.7" => "RT TREAT RECORD",
        "1.2.840.10008.5.1.4.1.1.66" => "RAW DATA",
        "1.2.840.10008.5.1.4.1.1.66.1" or "1.2.840.10008.5.1.4.1.1.66.3" => "REGISTRATION",
        "1.2.840.10008.5.1.4.1.1.66.2" => "FIDUCIAL",
        "1.2.840.10008.5.1.4.1.1.4.2" => "SPECTROSCOPY",
        _ when sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.88.", StringComparison.Ordinal) => "SR DOCUMENT",
        _ when sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.11.", StringComparison.Ordinal) => "PRESENTATION",
        _ when sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.9.", StringComparison.Ordinal) => "WAVEFORM",
        _ when sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.104.", StringComparison.Ordinal) => "ENCAP DOC",
        _ => "IMAGE",
    };

    // Type 1 keys of the PATIENT, STUDY and SERIES records (F.5.1–F.5.3) an instance may lack, and
    // where a value for them is found instead (dcmmkdir +I does the same, less visibly).
    private static readonly (DicomTag Key, DicomTag[] From, string Otherwise)[] Invented =
    [
        (DicomTag.PatientID, [], "UNKNOWN"),
        (DicomTag.StudyDate, [DicomTag.SeriesDate, DicomTag.AcquisitionDate, DicomTag.ContentDate], "19000101"),
        (DicomTag.StudyTime, [DicomTag.SeriesTime, DicomTag.AcquisitionTime, DicomTag.ContentTime], "000000"),
        (DicomTag.StudyID, [], "1"),
        (DicomTag.SeriesNumber, [], "0"),
    ];

    public static DicomDataset Patient(DicomDataset instance, List<string> invented) => Complete(Record("PATIENT", instance, PatientKeys), instance, invented);

    public static DicomDataset Study(DicomDataset instance, List<string> invented) => Complete(Record("STUDY", instance, StudyKeys), instance, invented);

    public static DicomDataset Series(DicomDataset instance, List<string> invented) => Complete(Record("SERIES", instance, SeriesKeys), instance, invented);

    // Fills empty Type 1 keys so the directory stays valid, and says which and with what.
    private static DicomDataset Complete(DicomDataset record, DicomDataset instance, List<string> invented)
    {
        foreach (var (key, from, otherwise) in Invented)
        {
            if (!record.Contains(key) || !string.IsNullOrWhiteSpace(record.GetString(key))) continue;
            var value = from.Select(instance.GetString).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? otherwise;
            record.Set(key, value);
            invented.Add($"{record.GetString(DicomTag.DirectoryRecordType)} record of {instance.GetString(DicomTag.SOPInstanceUID)}: {DicomDictionary.Lookup(key)?.Keyword ?? key.ToString()} missing, set to {value}");
        }
        return record;
    }

    public static DicomDataset ForInstance(DicomDataset instance, string sopClass, string sopInstance, string transferSyntax, string[] fileId)
    {
        var type = RecordTypeOf(sopClass);
        return Record(type, instance, LeafKeys.GetValueOrDefault(type, DefaultLeafKeys))
            .Set(DicomTag.ReferencedFileID, fileId)
            .Set(DicomTag.ReferencedSOPClassUIDInFile, sopClass)
            .Set(DicomTag.ReferencedSOPInstanceUIDInFile, sopInstance)
            .Set(DicomTag.ReferencedTransferSyntaxUIDInFile, transferSyntax);
    }

    // Key values are copied as encoded, with the instance's Specific Character Set when it has one.
    private static DicomDataset Record(string type, DicomDataset instance, DicomTag[] keys)
    {
        var record = new DicomDataset()
            .Set(DicomTag.OffsetOfTheNextDirectoryRecord, 0u)
            .Set(DicomTag.RecordInUseFlag, (ushort)0xFFFF)
            .Set(DicomTag.OffsetOfReferencedLowerLevelDirectoryEntity, 0u)
            .Set(DicomTag.DirectoryRecordType, type)
            .CopyFrom(instance, DicomTag.SpecificCharacterSet);
        foreach (var key in keys)
        {
            if (instance.Contains(key)) record.CopyFrom(instance, key);
            else if (!IsOptional(key)) record.SetEmpty(key);
        }
        return record;
    }

    private static bool IsOptional(DicomTag key) =>
        key == DicomTag.SeriesDescription || key == DicomTag.PatientBirthDate || key == DicomTag.PatientSex;
}
