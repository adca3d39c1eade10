using System.Net;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network;

/// <summary>What a request handler knows and can do: who asked, on which context, and how to answer more than once.</summary>
public sealed class DimseContext
{
    private readonly DimseSession _session;
    private readonly IDicomTranscoder? _transcoder;
    private readonly TaskCompletionSource<bool> _responseSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal DimseContext(DimseSession session, DimseRequest request, IDicomTranscoder? transcoder)
    {
        _session = session;
        _transcoder = transcoder;
        Request = request;
        PresentationContext = request.PresentationContext
            ?? throw new InvalidOperationException("the request was not received on a presentation context");
    }

    /// <summary>The request being handled.</summary>
    public DimseRequest Request { get; }

    /// <summary>The association the request arrived on.</summary>
    public Association Association => _session.Association;

    /// <summary>The peer's AE title.</summary>
    public string CallingAETitle => _session.Association.CallingAETitle;

    /// <summary>The AE title the peer called us by.</summary>
    public string CalledAETitle => _session.Association.CalledAETitle;

    /// <summary>The peer's address.</summary>
    public EndPoint? RemoteEndPoint => _session.Association.RemoteEndPoint;

    /// <summary>The presentation context of the request (its accepted transfer syntax, roles).</summary>
    public PresentationContext PresentationContext { get; }

    /// <summary>
    /// Sends requests to the peer on this association, also after the handler has returned — e.g.
    /// the N-EVENT-REPORT of Storage Commitment once the N-ACTION is answered. Check
    /// <see cref="IDimsePeerChannel.IsOpen"/>: the peer may release at any time.
    /// </summary>
    public IDimsePeerChannel PeerChannel => _session.PeerChannel;

    /// <summary>
    /// Completes once the handler's final response was sent (true) or could not be (false, the
    /// association failed). Work started by a handler that must follow its answer (a report) awaits this first.
    /// </summary>
    public Task<bool> ResponseSent => _responseSent.Task;

    // A result rather than a fault: nobody has to observe it.
    internal void CompleteResponse(bool sent) => _responseSent.TrySetResult(sent);

    /// <summary>Sends an intermediate (pending) response: a C-FIND match, C-MOVE/C-GET progress.</summary>
    public ValueTask SendPendingAsync(DimseResponse response, CancellationToken cancellationToken = default) =>
        _session.SendAsync(response, PresentationContext, cancellationToken);

    /// <summary>
    /// Sends a pending response that another response follows (the next C-FIND match, or the final
    /// one the host sends when the handler returns). Its last bytes may wait, up to 16 KiB in all,
    /// to leave in one write with what follows, so that many small matches share a system call and
    /// a TCP segment. Anything sent after it, including an abort, goes out after it.
    /// </summary>
    public ValueTask SendPendingBeforeMoreAsync(DimseResponse response, CancellationToken cancellationToken = default) =>
        _session.SendAsync(response, PresentationContext, cancellationToken, moreFollows: true);

    /// <summary>
    /// Sends <paramref name="file"/> to the peer as a C-STORE on this association — a C-GET
    /// sub-operation — on a storage context the peer accepted with the SCP role.
    /// </summary>
    /// <exception cref="InvalidOperationException">The peer accepted no storage context the file fits, even through the host's <see cref="DicomHostOptions.Transcoder"/>.</exception>
    public async Task<CStoreResponse> StoreAsync(DicomFile file, CancellationToken cancellationToken = default)
    {
        var (context, request) = PresentationContextSelector.ForStore(_session.Association, new CStoreRequest(file), _transcoder, requireScpRoleOfRequestor: true);
        DimseResponse? last = null;
        await foreach (var response in _session.InvokeAsync(request, context, cancellationToken).ConfigureAwait(false)) last = response;
        return (CStoreResponse)last!;
    }
}
