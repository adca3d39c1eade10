using Hounsfield.Dicom;

namespace Hounsfield.Archive.Mpps;

/// <summary>A stored Modality Performed Procedure Step.</summary>
/// <param name="SopInstanceUid">Its SOP Instance UID.</param>
/// <param name="CallingAETitle">The AE that created it.</param>
/// <param name="Status">Performed Procedure Step Status (0040,0252).</param>
/// <param name="Created">When the N-CREATE was committed.</param>
/// <param name="Updated">When the last N-SET (or the N-CREATE) was committed.</param>
/// <param name="Attributes">Every attribute, N-CREATE merged with the N-SETs since.</param>
public sealed record PerformedProcedureStep(string SopInstanceUid, string CallingAETitle, string Status,
    DateTimeOffset Created, DateTimeOffset Updated, DicomDataset Attributes);
