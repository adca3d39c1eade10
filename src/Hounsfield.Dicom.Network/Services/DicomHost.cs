using System.Collections.Concurrent;
using System.Net;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// A DIMSE service provider: listens, negotiates, and dispatches each request to the handler
/// registered for its type and SOP class. It knows nothing of what the services do.
/// <code>
/// var host = new DicomHost(new DicomHostOptions { AETitle = "HOUNSFIELD", Port = 11112 }).AddVerification();
/// host.Handle&lt;CStoreRequest&gt;(StoreAsync, DicomUid.CTImageStorage);
/// await host.RunAsync(cancellationToken);
/// </code>
/// </summary>
public sealed class DicomHost : IAsyncDisposable
{
    private readonly Dictionary<(Type, string), DimseRequestHandler> _handlers = [];
    private readonly AcceptorPolicy _policy = new();
    private DicomListener? _listener;

    /// <summary>Creates a host; register handlers, then start it.</summary>
    public DicomHost(DicomHostOptions? options = null) => Options = options ?? new DicomHostOptions();

    /// <summary>The options the host was created with.</summary>
    public DicomHostOptions Options { get; }

    /// <summary>The endpoints listened on (with the ports actually bound).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints => _listener?.Endpoints ?? [];

    /// <summary>Associations currently open.</summary>
    public int ActiveAssociations => _listener?.ActiveAssociations ?? 0;

    /// <summary>
    /// Handles requests of <typeparamref name="TRequest"/> for <paramref name="sopClassUids"/>,
    /// accepting those abstract syntaxes in <paramref name="transferSyntaxes"/> (our order of
    /// preference; <see cref="DicomHostOptions.TransferSyntaxes"/> when null).
    /// </summary>
    public DicomHost Handle<TRequest>(DimseRequestHandler<TRequest> handler, IEnumerable<string> sopClassUids,
        IReadOnlyList<DicomTransferSyntax>? transferSyntaxes = null) where TRequest : DimseRequest
    {
        foreach (var sopClass in sopClassUids)
        {
            _handlers[(typeof(TRequest), sopClass)] = (request, context, ct) => handler((TRequest)request, context, ct);
            _policy.Accept(sopClass, transferSyntaxes ?? Options.TransferSyntaxes);
        }
        return this;
    }

    /// <summary>
    /// Answers SOP Class Extended Negotiation sub-items (PS3.7 D.3.3.5) of accepted SOP classes with
    /// <paramref name="responder"/>'s bytes; a null answer leaves the sub-item out of the A-ASSOCIATE-AC.
    /// </summary>
    public DicomHost RespondToExtendedNegotiation(Func<SopClassExtendedNegotiation, byte[]?> responder)
    {
        _policy.ExtendedNegotiationResponder = responder;
        return this;
    }

    /// <summary>Handles <typeparamref name="TRequest"/> for the given SOP classes with the default transfer syntaxes.</summary>
    public DicomHost Handle<TRequest>(DimseRequestHandler<TRequest> handler, params DicomUid[] sopClasses) where TRequest : DimseRequest =>
        Handle(handler, sopClasses.Select(u => u.Value));

    /// <summary>
    /// For C-GET: accepts presentation contexts of these storage SOP classes on which the requestor
    /// takes the SCP role (SCP/SCU Role Selection, PS3.7 D.3.3.4) and the host the SCU role, so a
    /// C-GET handler can send the matches back on the same association with
    /// <see cref="DimseContext.StoreAsync"/>. <paramref name="transferSyntaxes"/> are the syntaxes the
    /// host can send in, in its order of preference (<see cref="DicomHostOptions.TransferSyntaxes"/>
    /// when null); list the stored files' own syntaxes first to send them unchanged.
    /// </summary>
    public DicomHost AcceptStorageForGet(IEnumerable<string> storageSopClassUids, IReadOnlyList<DicomTransferSyntax>? transferSyntaxes = null)
    {
        foreach (var sopClass in storageSopClassUids) _policy.Accept(sopClass, DicomRole.Scu, transferSyntaxes ?? Options.TransferSyntaxes);
        return this;
    }

    /// <summary>For C-GET: accepts the Storage SCP role of the requestor for <paramref name="storageSopClasses"/>, with the default transfer syntaxes.</summary>
    public DicomHost AcceptStorageForGet(params DicomUid[] storageSopClasses) =>
        AcceptStorageForGet(storageSopClasses.Select(u => u.Value));

    /// <summary>
    /// Handles the N-EVENT-REPORTs an SCP of <paramref name="sopClassUids"/> sends us on an
    /// association it opens to us, as the Storage Commitment SCP does (PS3.4 J.3.3): contexts
    /// on which the requestor takes the SCP role (SCP/SCU Role Selection, PS3.7 D.3.3.4) are
    /// accepted with us as SCU; so are contexts proposed without role selection, for peers that
    /// send the report without negotiating roles.
    /// </summary>
    public DicomHost HandleEventReports(DimseRequestHandler<NEventReportRequest> handler, IEnumerable<string> sopClassUids,
        IReadOnlyList<DicomTransferSyntax>? transferSyntaxes = null)
    {
        foreach (var sopClass in sopClassUids)
        {
            _handlers[(typeof(NEventReportRequest), sopClass)] = (request, context, ct) => handler((NEventReportRequest)request, context, ct);
            _policy.Accept(sopClass, DicomRole.Scu, transferSyntaxes ?? Options.TransferSyntaxes);
            _policy.Accept(sopClass, DicomRole.Scp, transferSyntaxes ?? Options.TransferSyntaxes);
        }
        return this;
    }

    /// <summary>The Verification SCP: answers C-ECHO with success.</summary>
    public DicomHost AddVerification() =>
        Handle<CEchoRequest>((request, _, _) => Task.FromResult<DimseResponse>(new CEchoResponse(request, DimseStatus.Success)), DicomUid.Verification);

    /// <summary>Starts listening on the configured ports.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is not null) throw new InvalidOperationException("the host is already started");
        if (!Options.AcceptAnyCalledAETitle) _policy.CalledAETitles.Add(Options.AETitle);
        foreach (var calling in Options.AllowedCallingAETitles) _policy.CallingAETitles.Add(calling);
        _policy.RequestFilter = Options.AssociationFilter;
        _policy.ContextFilter = Options.PresentationContextFilter;
        var window = (ushort)Math.Clamp(Options.MaxOperations, 0, ushort.MaxValue);
        _policy.AsynchronousOperationsWindow = new AsynchronousOperationsWindow(window, window);
        _listener = new DicomListener(_policy, ServeAsync, Options.Listener);
        _listener.Rejected += (request, rejection) => Log($"rejected {request.CallingAETitle} -> {request.CalledAETitle}: {rejection}");
        _listener.Failed += (endpoint, error) => Log($"association from {endpoint} failed: {error.Message}");
        if (Options.Port is { } port) _listener.Listen(new IPEndPoint(Options.BindAddress, port));
        if (Options.TlsPort is { } tlsPort)
            _listener.Listen(new IPEndPoint(Options.BindAddress, tlsPort), Options.Tls ?? throw new InvalidOperationException("a TLS port needs TLS options (certificate and key)"));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    /// <summary>Starts (unless started), serves until <paramref name="cancellationToken"/> is cancelled, then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_listener is null) await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops listening and aborts open associations.</summary>
    public async Task StopAsync()
    {
        if (_listener is null) return;
        await _listener.StopAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops gracefully: no new association is accepted, open ones may go on (and their running
    /// operations finish) for <paramref name="gracePeriod"/>; whatever is still open then is aborted,
    /// and handlers already running are still awaited.
    /// </summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (_listener is null) return;
        await _listener.StopAcceptingAsync().ConfigureAwait(false);
        if (!await _listener.WaitForAssociationsAsync(gracePeriod).ConfigureAwait(false))
            Log($"{ActiveAssociations} association(s) still open after {gracePeriod.TotalSeconds:0.###} s: aborting them");
        await _listener.StopAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_listener is not null) await _listener.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ServeAsync(Association association, CancellationToken cancellationToken)
    {
        var session = new DimseSession(association, pull: false, Options.ReceiveDirectory, Options.DiscardStoreData);
        var running = new ConcurrentDictionary<ushort, (Task Task, CancellationTokenSource Cancel)>();
        try
        {
            while (await ReadIdleAsync(session, () => !running.IsEmpty, cancellationToken).ConfigureAwait(false) is { } message)
            {
                switch (message)
                {
                    case DimseResponse response:
                        if (!session.Dispatch(response)) Log($"{association.CallingAETitle} sent an unexpected {response.CommandField}");
                        break;
                    case CCancelRequest cancel:
                        if (running.TryGetValue(cancel.MessageIdBeingRespondedTo, out var op)) await op.Cancel.CancelAsync().ConfigureAwait(false);
                        break;
                    case DimseRequest request when running.ContainsKey(request.MessageId):
                        await RefuseDuplicateAsync(session, request).ConfigureAwait(false);
                        break;
                    case DimseRequest request:
                        // Registered before it runs, so a fast operation cannot finish before it is known.
                        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        var start = new Task<Task>(() => RunAsync(session, request, cts.Token, running));
                        running[request.MessageId] = (start.Unwrap(), cts);
                        start.Start(TaskScheduler.Default);
                        break;
                }
            }
            // The peer asked to release: it sends nothing more, so requests we sent it (C-GET
            // sub-operations) will get no answer. Fail them now rather than after the DIMSE timeout;
            // the handlers' final responses still go out before the release response.
            session.Fail(new DicomNetworkException($"{association.CallingAETitle} asked to release the association before answering"));
            await Task.WhenAll(running.Values.Select(r => r.Task)).ConfigureAwait(false);
            await association.SendReleaseResponseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DicomNetworkException or OperationCanceledException or IOException)
        {
            Log($"association with {association.CallingAETitle} ended: {e.Message}");
        }
        finally
        {
            session.Fail(new DicomNetworkException("the association ended"));
            foreach (var (_, cancel) in running.Values) await cancel.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running.Values.Select(r => r.Task)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The next message. The idle timeout counts silence: between fragments, and between messages
    /// while no operation of ours is outstanding (a peer waiting for our answer is not idle).
    /// </summary>
    private async Task<DimseMessage?> ReadIdleAsync(DimseSession session, Func<bool> busy, CancellationToken cancellationToken)
    {
        try
        {
            return await session.ReadAsync(Options.IdleTimeout, busy, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new DicomNetworkException($"{session.Association.CallingAETitle} was silent for {Options.IdleTimeout.TotalSeconds:0.###} s; association aborted");
        }
    }

    private async Task RunAsync(DimseSession session, DimseRequest request, CancellationToken cancellationToken,
        ConcurrentDictionary<ushort, (Task, CancellationTokenSource)> running)
    {
        var context = new DimseContext(session, request, Options.Transcoder);
        try
        {
            DimseResponse response;
            try
            {
                response = await InvokeHandlerAsync(request, context, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Before the response goes out: a peer that has its answer finds no temporary file left.
                DeleteReceivedFile(request);
            }
            context.CompleteResponse(await AnswerAsync(session, request, response).ConfigureAwait(false) is null);
        }
        finally
        {
            // No effect once the response was sent; otherwise tells waiting work that it was not.
            context.CompleteResponse(false);
            if (running.TryRemove(request.MessageId, out var op)) op.Item2.Dispose();
        }
    }

    /// <summary>Sends a final response; returns why it could not be sent, or null.</summary>
    private async Task<Exception?> AnswerAsync(DimseSession session, DimseRequest request, DimseResponse response)
    {
        try
        {
            await session.SendAsync(response, request.PresentationContext!, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is DicomNetworkException or InvalidOperationException or IOException or ObjectDisposedException)
        {
            Log($"could not answer {request.CommandField} from {session.Association.CallingAETitle}: {e.Message}");
            return e;
        }
    }

    /// <summary>A request reusing the Message ID of one still outstanding: 0210H (PS3.7 C.5.5), the running one is left alone.</summary>
    private async Task RefuseDuplicateAsync(DimseSession session, DimseRequest request)
    {
        DeleteReceivedFile(request);
        var refused = request.CreateResponse(DimseStatus.DuplicateInvocation);
        refused.ErrorComment = $"Message ID {request.MessageId} is already in use by an outstanding operation";
        await AnswerAsync(session, request, refused).ConfigureAwait(false);
    }

    private void DeleteReceivedFile(DimseRequest request)
    {
        if (request is not CStoreRequest { ReceivedFilePath: { } path }) return;
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log($"could not delete {path}: {e.Message}");
        }
    }

    private async Task<DimseResponse> InvokeHandlerAsync(DimseRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        if (request.DatasetError is { } error) return CannotUnderstand(request, error);
        var sopClass = request.SopClassUid ?? "";
        if (!_handlers.TryGetValue((request.GetType(), sopClass), out var handler))
        {
            var refused = request.CreateResponse(request is CStoreRequest ? DimseStatus.SopClassNotSupported : DimseStatus.UnrecognizedOperation);
            refused.ErrorComment = $"{request.CommandField} is not provided for {DicomUid.Lookup(sopClass).Name}";
            return refused;
        }
        try
        {
            return await handler(request, context, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the {request.CommandField} handler returned no response");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return request.CreateResponse(DimseStatus.Cancel);
        }
        catch (Exception e)
        {
            // Any other exception, an unrelated cancellation included, is the handler's failure.
            Log($"{request.CommandField} handler failed: {e}");
            var failed = request.CreateResponse(DimseStatus.ProcessingFailure);
            failed.ErrorComment = e.Message;
            return failed;
        }
    }

    /// <summary>C000H for a request whose data set could not be parsed (PS3.4 B.2.3, C.4.1.1.4).</summary>
    internal static DimseResponse CannotUnderstand(DimseRequest request, string error)
    {
        var response = request.CreateResponse(DimseStatus.CannotUnderstand);
        response.ErrorComment = $"unreadable data set: {error}";
        return response;
    }

    private void Log(string line) => Options.Log?.Invoke(line);
}
