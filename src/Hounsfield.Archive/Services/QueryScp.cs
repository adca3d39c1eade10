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
        if (request.Dataset is not { } identifier) return request.CreateResponse(DimseStatus.CannotUnderstand, "the C-FIND has no identifier");
        if (!DicomQuery.FindSopClasses.TryGetValue(request.AffectedSopClassUid ?? "", out var model))
            return request.CreateResponse(DimseStatus.SopClassNotSupported, "not a Query/Retrieve FIND SOP class");
        DicomQuery query;
        try
        {
            query = DicomQuery.Parse(model, identifier);
        }
        catch (DicomQueryException e)
        {
            return (e.Offending is { } at ? request.CreateResponse(e.Status, e.Message, at) : request.CreateResponse(e.Status, e.Message));
        }
        try
        {
            // Fuzzy semantic matching of names ignores case and diacritics (C.2.2.2.1.2, FuzzySemanticMatching).
            var negotiated = QueryNegotiation.Of(context.Association, request.AffectedSopClassUid!);
            var effective = options with
            {
                CombinedDateTime = negotiated.DateTimeMatching,
                CaseInsensitivePersonNames = options.CaseInsensitivePersonNames || negotiated.FuzzyPersonNames,
            };
            await foreach (var match in index.FindAsync(query, effective, cancellationToken).ConfigureAwait(false))
                await context.SendPendingBeforeMoreAsync(new CFindResponse(request, DimseStatus.Pending, match), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return request.CreateResponse(DimseStatus.Cancel);
        }
        return request.CreateResponse(DimseStatus.Success);
    }
}
