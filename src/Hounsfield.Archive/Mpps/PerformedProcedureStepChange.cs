namespace Hounsfield.Archive.Mpps;

/// <summary>A committed change of a Modality Performed Procedure Step.</summary>
/// <param name="CallingAETitle">The AE that sent the N-CREATE or N-SET.</param>
/// <param name="IsCreate">True for N-CREATE, false for N-SET.</param>
/// <param name="SopInstanceUid">The step's SOP Instance UID.</param>
/// <param name="Attributes">The attributes as received: the whole N-CREATE attribute list, or the N-SET modification list.</param>
/// <param name="Status">Performed Procedure Step Status (0040,0252) after the change.</param>
public sealed record PerformedProcedureStepChange(string CallingAETitle, bool IsCreate, string SopInstanceUid, Hounsfield.Dicom.DicomDataset Attributes, string Status);
