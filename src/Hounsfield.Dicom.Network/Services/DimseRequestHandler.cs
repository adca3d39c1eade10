using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// Handles one DIMSE request and returns its final response. Intermediate (pending) responses —
/// C-FIND matches, C-MOVE/C-GET progress — go through <see cref="DimseContext.SendPendingAsync"/>.
/// The token is cancelled by a C-CANCEL for this request or when the association ends.
/// </summary>
public delegate Task<DimseResponse> DimseRequestHandler(DimseRequest request, DimseContext context, CancellationToken cancellationToken);

/// <summary>Handles one request of type <typeparamref name="TRequest"/>.</summary>
public delegate Task<DimseResponse> DimseRequestHandler<in TRequest>(TRequest request, DimseContext context, CancellationToken cancellationToken)
    where TRequest : DimseRequest;
