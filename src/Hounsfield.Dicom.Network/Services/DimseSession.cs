using System.Collections.Concurrent;
using System.Threading.Channels;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// The DIMSE exchange over one association, shared by the client and the host: message IDs,
/// sending, receiving into files or memory, matching responses to the operations that wait for
/// them, and the DIMSE timeout. The client reads only while an operation waits ("pull"), so no read
/// is outstanding when it releases; the host runs one read loop that dispatches everything.
/// </summary>
internal sealed class DimseSession
{
    private readonly DimseMessageReader _reader;
    private readonly DimseMessageWriter _writer;
    private readonly ConcurrentDictionary<ushort, Channel<DimseResponse>> _operations = new();
    private readonly SemaphoreSlim _readLock = new(1, 1);
    private readonly bool _pull;
    private readonly bool _discardStoreData;
    private int _messageId;
    private Exception? _failure;

    public DimseSession(Association association, bool pull, string? receiveDirectory, bool discardStoreData = false)
    {
        _discardStoreData = discardStoreData;
        Association = association;
        _pull = pull;
        _reader = new DimseMessageReader(association);
        _writer = new DimseMessageWriter(association);
        ReceiveDirectory = receiveDirectory ?? Path.GetTempPath();
        PeerChannel = new DimseSessionChannel(this);
    }

    /// <summary>Requests to the peer that outlive the handler that started them.</summary>
    public IDimsePeerChannel PeerChannel { get; }

    /// <summary>True while the association is established and nothing has failed it.</summary>
    public bool IsOpen => _failure is null && Association.State == AssociationState.Sta6Established;

    public Association Association { get; }

    public string ReceiveDirectory { get; }

    /// <summary>Answers requests received while pulling (C-GET sub-operations, event reports).</summary>
    public Func<DimseRequest, CancellationToken, Task>? OnRequest { get; set; }

    public TimeSpan DimseTimeout => Association.Options.DimseTimeout;

    public ushort NextMessageId()
    {
        var id = (ushort)Interlocked.Increment(ref _messageId);
        return id == 0 ? (ushort)Interlocked.Increment(ref _messageId) : id;
    }

    public ValueTask SendAsync(DimseMessage message, PresentationContext context, CancellationToken cancellationToken, bool moreFollows = false) =>
        _writer.SendAsync(message, context, cancellationToken, moreFollows);

    /// <summary>Sends a request and yields its responses until the final (non-pending) one.</summary>
    public async IAsyncEnumerable<DimseResponse> InvokeAsync(DimseRequest request, PresentationContext context,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfOver();
        request.MessageId = NextMessageId();
        var responses = Channel.CreateUnbounded<DimseResponse>(new UnboundedChannelOptions { SingleReader = true });
        _operations[request.MessageId] = responses;
        var cancelSent = 0;
        // A caller's cancellation becomes a C-CANCEL; the operation still runs to its final response.
        await using var onCancel = cancellationToken.Register(() =>
        {
            if (request is CFindRequest or CGetRequest or CMoveRequest && Interlocked.Exchange(ref cancelSent, 1) == 0)
                _ = SendAsync(new CCancelRequest(request.MessageId), context, CancellationToken.None).AsTask();
        });
        try
        {
            await SendAsync(request, context, CancellationToken.None).ConfigureAwait(false);
            while (true)
            {
                var response = await NextResponseAsync(responses).ConfigureAwait(false);
                yield return response;
                if (!response.Status.IsPending) yield break;
            }
        }
        finally
        {
            _operations.TryRemove(request.MessageId, out _);
        }
    }

    /// <summary>
    /// Reads the next message, streaming a C-STORE's data set into a temporary Part 10 file.
    /// <paramref name="silence"/> bounds the time without any fragment arriving (between messages
    /// only while <paramref name="busy"/> is false); when it passes the association is aborted and
    /// <see cref="TimeoutException"/> thrown.
    /// </summary>
    public async ValueTask<DimseMessage?> ReadAsync(TimeSpan silence, Func<bool>? busy, CancellationToken cancellationToken)
    {
        string? path = null;
        IncomingFileStream? file = null;
        using var watch = new SilenceWatch(silence, busy, cancellationToken);
        try
        {
            var message = await _reader.ReadAsync(
                m => _discardStoreData && m is CStoreRequest ? Stream.Null : file = OpenStoreSink(m, out path), watch).ConfigureAwait(false);
            if (file is not null)
            {
                file.Dispose();
                file = null;
                var store = (CStoreRequest)message!;
                store.ReceivedFilePath = path;
                try
                {
                    store.File = DicomFile.Open(path!);
                }
                catch (DicomFormatException e)
                {
                    // Whole but unparseable: answered C000H; the file is deleted with the request.
                    store.DatasetError = e.Message;
                }
            }
            return message;
        }
        catch (Exception e)
        {
            file?.Dispose();
            if (path is not null) File.Delete(path);
            if (e is OperationCanceledException && watch.Expired) throw new TimeoutException($"nothing received for {silence.TotalSeconds:0.###} s", e);
            throw;
        }
    }

    /// <summary>Routes a received response to the operation waiting for it; false when none is.</summary>
    public bool Dispatch(DimseResponse response) =>
        _operations.TryGetValue(response.MessageIdBeingRespondedTo, out var channel) && channel.Writer.TryWrite(response);

    /// <summary>Fails every waiting operation (the association ended).</summary>
    public void Fail(Exception reason)
    {
        _failure ??= reason;
        foreach (var channel in _operations.Values) channel.Writer.TryComplete(reason);
    }

    public bool HasOperations => !_operations.IsEmpty;

    /// <summary>
    /// Pulls messages while none of ours is outstanding, answering the peer's requests through
    /// <see cref="OnRequest"/>, until <paramref name="done"/> holds (true) or nothing arrived for
    /// <paramref name="timeout"/> (false; the association is then aborted, a read cannot stop midway).
    /// </summary>
    public async Task<bool> PullRequestsAsync(Func<bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (!done())
        {
            ThrowIfOver();
            await _readLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (done()) break;
                await PullOneAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
            finally
            {
                _readLock.Release();
            }
        }
        return true;
    }

    /// <summary>A clear error for an operation started after the association ended (timeout, abort, release).</summary>
    private void ThrowIfOver()
    {
        if (_failure is not null)
            throw new DicomNetworkException($"the association with {PeerAETitle} has ended: {_failure.Message}", _failure);
        if (Association.State != AssociationState.Sta6Established)
            throw new DicomNetworkException($"the association with {PeerAETitle} is not established (state {Association.State})");
    }

    private string PeerAETitle => Association.IsRequestor ? Association.CalledAETitle : Association.CallingAETitle;

    private IncomingFileStream? OpenStoreSink(DimseMessage message, out string? path)
    {
        path = null;
        if (message is not CStoreRequest store || message.PresentationContext?.AcceptedTransferSyntax is not { } syntax) return null;
        path = Path.Combine(ReceiveDirectory, $"incoming-{Guid.NewGuid():N}.dcm");
        IncomingFileStream stream;
        try
        {
            stream = new IncomingFileStream(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Made on first use (and again if removed meanwhile), not checked per instance.
            Directory.CreateDirectory(ReceiveDirectory);
            stream = new IncomingFileStream(path);
        }
        var meta = DicomFile.CreateMeta(store.AffectedSopClassUid ?? "", store.AffectedSopInstanceUid ?? "", syntax, PeerAETitle);
        DicomFile.WriteHeader(stream, meta);
        return stream;
    }

    private async ValueTask<DimseResponse> NextResponseAsync(Channel<DimseResponse> responses)
    {
        while (true)
        {
            if (responses.Reader.TryRead(out var ready)) return ready;
            if (_failure is not null && responses.Reader.Completion.IsCompleted) await responses.Reader.Completion.ConfigureAwait(false);
            if (!_pull)
            {
                using var timeout = new CancellationTokenSource(DimseTimeout);
                try
                {
                    if (!await responses.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false)) await responses.Reader.Completion.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await Association.AbortAsync().ConfigureAwait(false);
                    throw TimedOut();
                }
                continue;
            }
            await _readLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (responses.Reader.TryRead(out ready)) return ready;
                // Another operation's read may have ended the association while we waited.
                if (responses.Reader.Completion.IsCompleted) continue;
                await PullOneAsync().ConfigureAwait(false);
            }
            finally
            {
                _readLock.Release();
            }
        }
    }

    private async ValueTask PullOneAsync(TimeSpan? waitForRequest = null, CancellationToken cancellationToken = default)
    {
        DimseMessage? message;
        try
        {
            message = await ReadAsync(waitForRequest ?? DimseTimeout, busy: null, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e) when (waitForRequest is not null)
        {
            Fail(new DicomNetworkException($"no request from {PeerAETitle} within {waitForRequest.Value.TotalSeconds:0.###} s; association aborted", e));
            throw;
        }
        catch (TimeoutException)
        {
            var error = TimedOut();
            Fail(error);
            throw error;
        }
        catch (Exception e)
        {
            Fail(e);
            throw;
        }
        switch (message)
        {
            case null:
                var released = new DicomNetworkException($"{Association.CalledAETitle} asked to release while operations were outstanding");
                Fail(released);
                await Association.SendReleaseResponseAsync().ConfigureAwait(false);
                throw released;
            case DimseResponse response:
                Dispatch(response);
                break;
            case DimseRequest request when OnRequest is not null:
                await OnRequest(request, CancellationToken.None).ConfigureAwait(false);
                break;
        }
    }

    private DicomNetworkException TimedOut() =>
        new($"no DIMSE message from {Association.CalledAETitle} within {DimseTimeout.TotalSeconds:0.###} s; association aborted");
}
