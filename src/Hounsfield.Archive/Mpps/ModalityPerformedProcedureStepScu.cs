using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Mpps;

/// <summary>The Modality Performed Procedure Step SCU (PS3.4 F.7.2): N-CREATE and N-SET on an association that proposed the SOP class.</summary>
public static class ModalityPerformedProcedureStepScu
{
    /// <summary>Proposes Modality Performed Procedure Step on <paramref name="options"/>.</summary>
    public static DicomClientOptions Propose(DicomClientOptions options) => options.Propose(DicomUid.ModalityPerformedProcedureStep.Value);

    /// <summary>
    /// N-CREATE of a step with <paramref name="attributes"/> (see <see cref="PerformedProcedureStepBuilder.Create"/>);
    /// its SOP Instance UID is <paramref name="sopInstanceUid"/>, or a new one.
    /// Returns the response and the UID (the SCP's, when it assigned one).
    /// </summary>
    public static async Task<(DimseResponse Response, string SopInstanceUid)> CreateAsync(DicomClient client, DicomDataset attributes,
        string? sopInstanceUid = null, CancellationToken cancellationToken = default)
    {
        var uid = sopInstanceUid ?? DicomUid.Generate().Value;
        var response = await client.SendAndWaitAsync(new NCreateRequest(DicomUid.ModalityPerformedProcedureStep.Value, uid, attributes), cancellationToken).ConfigureAwait(false);
        return (response, response.AffectedSopInstanceUid ?? uid);
    }

    /// <summary>N-SET of <paramref name="modifications"/> (see <see cref="PerformedProcedureStepBuilder.End"/>) on the step <paramref name="sopInstanceUid"/>.</summary>
    public static Task<DimseResponse> SetAsync(DicomClient client, string sopInstanceUid, DicomDataset modifications, CancellationToken cancellationToken = default) =>
        client.SendAndWaitAsync(new NSetRequest(DicomUid.ModalityPerformedProcedureStep.Value, sopInstanceUid, modifications), cancellationToken);
}
