using Hounsfield.Archive.Worklist;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Services;

/// <summary>
/// The Modality Worklist Information Model - FIND SCP (PS3.4 K): one pending response per matching
/// scheduled procedure step, then success; C-CANCEL ends it with FE00H.
/// </summary>
public sealed class WorklistScp(WorklistStore store, Action<string>? log = null)
{
    /// <summary>The SOP class served.</summary>
    public static readonly string SopClass = DicomUid.ModalityWorklistInformationModelFind.Value;

    /// <summary>Handles one worklist C-FIND.</summary>
    public async Task<DimseResponse> FindAsync(CFindRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        if (request.Dataset is not { } identifier) return request.CreateResponse(DimseStatus.CannotUnderstand, "the C-FIND has no identifier");
        var count = 0;
        try
        {
            await foreach (var match in store.FindAsync(identifier, cancellationToken).ConfigureAwait(false))
            {
                await context.SendPendingBeforeMoreAsync(new CFindResponse(request, DimseStatus.Pending, match), cancellationToken).ConfigureAwait(false);
                count++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log?.Invoke($"worklist C-FIND cancelled after {count} match(es)");
            return request.CreateResponse(DimseStatus.Cancel);
        }
        log?.Invoke($"worklist C-FIND: {count} match(es)");
        return request.CreateResponse(DimseStatus.Success);
    }
}
