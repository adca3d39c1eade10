using Hounsfield.Archive.Index;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Services;

/// <summary>An instance the Storage SCP accepted.</summary>
/// <param name="CallingAETitle">The sender's AE title.</param>
/// <param name="CalledAETitle">Our AE title as the sender addressed it.</param>
/// <param name="Record">The index record (UIDs, transfer syntax, path). For a kept duplicate found only by the index's own check, the received copy's record, whose file was discarded: look the stored instance up by SOP Instance UID.</param>
/// <param name="Attributes">The received data set (bulk values left on disk).</param>
/// <param name="Outcome">What indexing did: a kept duplicate is reported too, so a resend after a crash can finish what the first copy started.</param>
public sealed record StoredInstanceEvent(string CallingAETitle, string CalledAETitle, InstanceRecord Record, DicomDataset Attributes, IndexOutcomeKind Outcome);
