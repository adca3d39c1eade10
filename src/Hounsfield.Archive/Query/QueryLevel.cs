using Hounsfield.Dicom;

namespace Hounsfield.Archive.Query;

/// <summary>Query/Retrieve Level (0008,0052) values of PS3.4 C.6.</summary>
public enum QueryLevel
{
    /// <summary>PATIENT.</summary>
    Patient,
    /// <summary>STUDY.</summary>
    Study,
    /// <summary>SERIES.</summary>
    Series,
    /// <summary>IMAGE.</summary>
    Image,
}

/// <summary>Which attributes the index keeps at each level, from the key tables of PS3.4 C.6.1.1 and C.6.2.1.</summary>
public static class LevelAttributes
{
    /// <summary>Patient-level attributes (Patient module keys).</summary>
    public static readonly IReadOnlySet<DicomTag> Patient = new HashSet<DicomTag>
    {
        DicomTag.PatientName, DicomTag.PatientID, DicomTag.IssuerOfPatientID, DicomTag.IssuerOfPatientIDQualifiersSequence,
        DicomTag.OtherPatientIDsSequence, DicomTag.OtherPatientNames, DicomTag.PatientBirthDate, DicomTag.PatientBirthTime,
        DicomTag.PatientSex, DicomTag.EthnicGroup, DicomTag.PatientComments, DicomTag.PatientSpeciesDescription,
        DicomTag.PatientBreedDescription, DicomTag.ResponsiblePerson, DicomTag.PatientIdentityRemoved,
    };

    /// <summary>Study-level attributes (General Study and Patient Study modules).</summary>
    public static readonly IReadOnlySet<DicomTag> Study = new HashSet<DicomTag>
    {
        DicomTag.StudyInstanceUID, DicomTag.StudyDate, DicomTag.StudyTime, DicomTag.AccessionNumber,
        DicomTag.IssuerOfAccessionNumberSequence, DicomTag.StudyID, DicomTag.StudyDescription, DicomTag.ReferringPhysicianName,
        DicomTag.ReferringPhysicianIdentificationSequence, DicomTag.PhysiciansOfRecord, DicomTag.NameOfPhysiciansReadingStudy,
        DicomTag.ProcedureCodeSequence, DicomTag.AdmittingDiagnosesDescription, DicomTag.PatientAge, DicomTag.PatientSize,
        DicomTag.PatientWeight, DicomTag.Occupation, DicomTag.AdditionalPatientHistory, DicomTag.OtherStudyNumbers,
        DicomTag.ReasonForPerformedProcedureCodeSequence, DicomTag.StudyStatusID, DicomTag.InterpretationAuthor,
    };

    /// <summary>Series-level attributes (General Series and General Equipment modules).</summary>
    public static readonly IReadOnlySet<DicomTag> Series = new HashSet<DicomTag>
    {
        DicomTag.SeriesInstanceUID, DicomTag.Modality, DicomTag.SeriesNumber, DicomTag.SeriesDescription, DicomTag.SeriesDate,
        DicomTag.SeriesTime, DicomTag.BodyPartExamined, DicomTag.ProtocolName, DicomTag.Laterality, DicomTag.PerformingPhysicianName,
        DicomTag.OperatorsName, DicomTag.StationName, DicomTag.InstitutionName, DicomTag.InstitutionalDepartmentName,
        DicomTag.Manufacturer, DicomTag.ManufacturerModelName, DicomTag.PerformedProcedureStepStartDate,
        DicomTag.PerformedProcedureStepStartTime, DicomTag.PerformedProcedureStepID, DicomTag.RequestAttributesSequence,
        DicomTag.PerformedProcedureStepDescription, DicomTag.FrameOfReferenceUID,
    };

    /// <summary>The set for <paramref name="level"/>; null for IMAGE, which keeps every non-bulk attribute.</summary>
    public static IReadOnlySet<DicomTag>? For(QueryLevel level) => level switch
    {
        QueryLevel.Patient => Patient,
        QueryLevel.Study => Study,
        QueryLevel.Series => Series,
        _ => null,
    };

    /// <summary>
    /// The attributes of <paramref name="dataset"/> kept at <paramref name="level"/>, with the data set's
    /// Specific Character Set, encoded as Explicit VR Little Endian. Bulk and large binary values are left out.
    /// </summary>
    public static byte[] Extract(DicomDataset dataset, QueryLevel level)
    {
        var set = For(level);
        var kept = new DicomDataset();
        kept.CopyFrom(dataset, DicomTag.SpecificCharacterSet);
        foreach (var element in dataset)
        {
            if (set is not null ? !set.Contains(element.Tag) : element.Kind is DicomValueKind.Bulk or DicomValueKind.Fragments
                || element.Tag.Group == 0x7FE0 || element.VR.IsBulkCapable() && element.Length > 1024) continue;
            kept.CopyFrom(dataset, element.Tag);
        }
        var stream = new MemoryStream();
        kept.WriteTo(stream, DicomTransferSyntax.ExplicitVRLittleEndian);
        return stream.ToArray();
    }

    /// <summary>Decodes a blob written by <see cref="Extract"/>.</summary>
    public static DicomDataset Decode(byte[] blob) =>
        DicomDataset.Read(new MemoryStream(blob, writable: false), DicomTransferSyntax.ExplicitVRLittleEndian);
}
