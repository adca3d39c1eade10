using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// A DIMSE service user on one association: connect, send requests (several at once up to the
/// negotiated asynchronous operations window), release.
/// <code>
/// await using var client = await DicomClient.ConnectAsync("ORTHANC@pacs:4242");
/// var response = await client.StoreAsync(DicomFile.Open("ct.dcm"));
/// </code>
/// </summary>
public sealed class DicomClient : IAsyncDisposable
{
    private readonly DimseSession _session;
    private readonly DicomClientOptions _options;
    private readonly SemaphoreSlim _window;

    private DicomClient(Association association, DicomClientOptions options)
    {
        _options = options;
        _session = new DimseSession(association, pull: true, options.ReceiveDirectory) { OnRequest = AnswerIncomingAsync };
        var granted = association.PeerUserInformation.AsynchronousOperationsWindow?.MaxOperationsInvoked ?? 1;
        var window = Math.Max(1, Math.Min(options.MaxOperations, granted == 0 ? options.MaxOperations : granted));
        _window = new SemaphoreSlim(window, window);
        MaxOperations = window;
    }

    /// <summary>The association (negotiated contexts, peer details).</summary>
    public Association Association => _session.Association;

    /// <summary>Operations that may be outstanding at once, as negotiated.</summary>
    public int MaxOperations { get; }

    /// <summary>Connects to <paramref name="peer"/> written <c>AET@HOST:PORT</c> and negotiates.</summary>
    /// <exception cref="AssociationRejectedException">The peer rejected the association.</exception>
    /// <exception cref="DicomNetworkException">The peer is unreachable, timed out or broke the protocol.</exception>
    public static Task<DicomClient> ConnectAsync(string peer, DicomClientOptions? options = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(DicomPeer.Parse(peer), options, cancellationToken);

    /// <summary>Connects to <paramref name="peer"/> and negotiates the proposed presentation contexts.</summary>
    public static async Task<DicomClient> ConnectAsync(DicomPeer peer, DicomClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DicomClientOptions();
        var request = new AssociationRequest(options.CallingAETitle, peer.AETitle);
        var proposals = options.PresentationContexts.Count > 0
            ? options.PresentationContexts
            : [new PresentationContextProposal(DicomUid.Verification.Value, DicomClientOptions.DefaultTransferSyntaxes)];
        foreach (var p in proposals)
        {
            request.AddPresentationContext(p.AbstractSyntax, p.TransferSyntaxes);
            if (p.ScpRole) request.ProposeRoles(p.AbstractSyntax, p.ScuRole, p.ScpRole);
        }
        if (options.MaxOperations > 1)
            request.UserInformation.AsynchronousOperationsWindow = new AsynchronousOperationsWindow((ushort)options.MaxOperations, 1);
        request.UserInformation.UserIdentity = options.UserIdentity;
        request.UserInformation.ExtendedNegotiations.AddRange(options.ExtendedNegotiations);
        var association = await Association.ConnectAsync(peer.Host, peer.Port, request, options.Association, cancellationToken).ConfigureAwait(false);
        return new DicomClient(association, options);
    }

    /// <summary>
    /// Sends <paramref name="request"/> and yields every response, the final one last. Cancelling a
    /// C-FIND, C-GET or C-MOVE sends C-CANCEL and the operation ends with the peer's final response
    /// (usually FE00H Cancel); other operations run to their response, bounded by the DIMSE timeout.
    /// </summary>
    /// <exception cref="InvalidOperationException">No accepted context fits the request, or its data set would need a pixel codec; nothing was sent.</exception>
    /// <exception cref="DicomNetworkException">The association failed, timed out or had ended; after a failure in the middle of a message it is aborted.</exception>
    public async IAsyncEnumerable<DimseResponse> SendAsync(DimseRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        PresentationContext context;
        if (request is CStoreRequest store) (context, request) = PresentationContextSelector.ForStore(Association, store, _options.Transcoder);
        else context = PresentationContextSelector.For(Association, request);
        await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var response in _session.InvokeAsync(request, context, cancellationToken).ConfigureAwait(false))
                yield return response;
        }
        finally
        {
            _window.Release();
        }
    }

    /// <summary>Sends <paramref name="request"/> and returns its final response.</summary>
    public async Task<DimseResponse> SendAndWaitAsync(DimseRequest request, CancellationToken cancellationToken = default)
    {
        DimseResponse? last = null;
        await foreach (var response in SendAsync(request, cancellationToken).ConfigureAwait(false)) last = response;
        return last!;
    }

    /// <summary>C-ECHO (Verification).</summary>
    public async Task<CEchoResponse> EchoAsync(CancellationToken cancellationToken = default) =>
        (CEchoResponse)await SendAndWaitAsync(new CEchoRequest(), cancellationToken).ConfigureAwait(false);

    /// <summary>C-STORE of a file, its data set copied unchanged from disk when the peer accepted the file's transfer syntax (see <see cref="CStoreRequest(DicomFile, DimsePriority)"/>).</summary>
    public async Task<CStoreResponse> StoreAsync(DicomFile file, CancellationToken cancellationToken = default) =>
        (CStoreResponse)await SendAndWaitAsync(new CStoreRequest(file), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Waits on the association for requests the peer sends us — the N-EVENT-REPORT of a Storage
    /// Commitment SCP that reports on the same association — answering each with
    /// <see cref="DicomClientOptions.IncomingRequestHandler"/>, until <paramref name="done"/> holds
    /// (checked after each one). Returns false when nothing arrived for <paramref name="timeout"/>:
    /// the association is then aborted, because a read cannot be stopped midway (so is it when
    /// <paramref name="cancellationToken"/> is cancelled).
    /// </summary>
    /// <exception cref="DicomNetworkException">The association ended, or the peer asked to release.</exception>
    public Task<bool> WaitForRequestsAsync(Func<bool> done, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _session.PullRequestsAsync(done, timeout, cancellationToken);

    /// <summary>Releases the association (A-RELEASE) once no operation is outstanding.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (Association.State != AssociationState.Sta6Established) return;
        await Association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases an established association (aborting if that fails), then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(Association.Options.ReleaseTimeout);
            await ReleaseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DicomNetworkException or OperationCanceledException or InvalidOperationException)
        {
            await Association.AbortAsync().ConfigureAwait(false);
        }
        await Association.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AnswerIncomingAsync(DimseRequest request, CancellationToken cancellationToken)
    {
        DimseResponse response;
        var context = new DimseContext(_session, request, _options.Transcoder);
        try
        {
            response = request.DatasetError is { } error ? DicomHost.CannotUnderstand(request, error)
                : _options.IncomingRequestHandler is { } handler
                ? await handler(request, context, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"the {request.CommandField} handler returned no response")
                : Refuse(request);
        }
        catch (Exception e)
        {
            // The handler's token is never cancelled here, so any exception is the handler's failure.
            response = request.CreateResponse(DimseStatus.ProcessingFailure);
            response.ErrorComment = e.Message;
        }
        finally
        {
            if (request is CStoreRequest { ReceivedFilePath: { } path }) File.Delete(path);
        }
        try
        {
            await _session.SendAsync(response, request.PresentationContext!, cancellationToken).ConfigureAwait(false);
            context.CompleteResponse(true);
        }
        finally
        {
            context.CompleteResponse(false);
        }
    }

    private static DimseResponse Refuse(DimseRequest request)
    {
        var response = request.CreateResponse(request is CStoreRequest ? DimseStatus.OutOfResources : DimseStatus.UnrecognizedOperation);
        response.ErrorComment = "this client does not accept requests on this association";
        return response;
    }
}
