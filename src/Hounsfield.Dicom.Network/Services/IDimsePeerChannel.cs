using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// Sends requests to the peer on an established association and awaits their final responses —
/// e.g. the N-EVENT-REPORT a Storage Commitment SCP sends after answering the N-ACTION (PS3.4 J.3.3).
/// Stays usable after the handler that obtained it has returned, until the association ends.
/// </summary>
public interface IDimsePeerChannel
{
    /// <summary>The association the requests travel on.</summary>
    Association Association { get; }

    /// <summary>True while the association is established and has not failed, released or been asked to release.</summary>
    bool IsOpen { get; }

    /// <summary>Sends <paramref name="request"/> on the first accepted context of its SOP class and returns the final response.</summary>
    /// <exception cref="InvalidOperationException">No accepted context fits the request.</exception>
    /// <exception cref="DicomNetworkException">The association ended, or the peer did not answer within the DIMSE timeout.</exception>
    Task<DimseResponse> SendAsync(DimseRequest request, CancellationToken cancellationToken = default);
}
