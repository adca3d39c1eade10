using Hounsfield.Archive.Index;
using Hounsfield.Archive.Query;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Services;

/// <summary>
/// The Query/Retrieve FIND SCP (PS3.4 C.4.1) for Patient Root, Study Root and Patient/Study Only:
/// one pending response per match, then success; C-CANCEL ends it with FE00H.
/// </summary>
public sealed class QueryScp(IArchiveIndex index, QueryOptions options)
{
    /// <summary>Handles one C-FIND.</summary>
    public async Task<DimseResponse> FindAsync(CFindRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        if (request.Dataset is not { } identifier) return Fail(request, DimseStatus.CannotUnderstand, "the C-FIND has no identifier");
        if (!DicomQuery.FindSopClasses.TryGetValue(request.AffectedSopClassUid ?? "", out var model))
            return Fail(request, DimseStatus.SopClassNotSupported, "not a Query/Retrieve FIND SOP class");
        DicomQuery query;
        try
        {
            query = DicomQuery.Parse(model, identifier);
        }
        catch (DicomQueryException e)
        {
            return Fail(request, e.Status, e.Message, e.Offending);
        }
        try
        {
            await foreach (var match in index.FindAsync(query, options, cancellationToken).ConfigureAwait(false))
                await context.SendPendingAsync(new CFindResponse(request, DimseStatus.Pending, match), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return request.CreateResponse(DimseStatus.Cancel);
        }
        return request.CreateResponse(DimseStatus.Success);
    }

    private static DimseResponse Fail(DimseRequest request, DimseStatus status, string comment, DicomTag? offending = null)
    {
        var response = request.CreateResponse(status);
        response.ErrorComment = comment;
        if (offending is { } tag) response.OffendingElements = [tag];
        return response;
    }
}
