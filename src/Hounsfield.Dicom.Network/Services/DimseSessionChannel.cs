using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network;

/// <summary>The <see cref="IDimsePeerChannel"/> of a <see cref="DimseSession"/>.</summary>
internal sealed class DimseSessionChannel(DimseSession session) : IDimsePeerChannel
{
    public Association Association => session.Association;

    public bool IsOpen => session.IsOpen;

    public async Task<DimseResponse> SendAsync(DimseRequest request, CancellationToken cancellationToken = default)
    {
        var context = PresentationContextSelector.For(session.Association, request);
        DimseResponse? last = null;
        await foreach (var response in session.InvokeAsync(request, context, cancellationToken).ConfigureAwait(false)) last = response;
        return last!;
    }
}
