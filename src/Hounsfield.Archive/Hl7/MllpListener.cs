using System.Net;
using System.Net.Sockets;

namespace Hounsfield.Archive.Hl7;

/// <summary>
/// An MLLP server: accepts TCP connections and answers each received block with the handler's reply, one block
/// at a time per connection. A connection silent for the idle timeout, or over the connection limit, is closed;
/// stray bytes and oversized blocks are logged and the connection keeps being served.
/// </summary>
public sealed class MllpListener : IAsyncDisposable
{
    private const int MaxConnections = 64;

    private readonly TcpListener _listener;
    private readonly Func<MllpFrame, byte[]> _handler;
    private readonly int _maxMessageBytes;
    private readonly TimeSpan _idleTimeout;
    private readonly Action<string>? _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly SemaphoreSlim _slots = new(MaxConnections);
    private Task _accepting = Task.CompletedTask;

    /// <summary>A listener on <paramref name="endpoint"/> (port 0 picks a free one); call <see cref="Start"/>.</summary>
    public MllpListener(IPEndPoint endpoint, Func<MllpFrame, byte[]> handler, int maxMessageBytes, TimeSpan idleTimeout, Action<string>? log = null)
    {
        _listener = new TcpListener(endpoint);
        _handler = handler;
        _maxMessageBytes = maxMessageBytes;
        _idleTimeout = idleTimeout;
        _log = log;
    }

    /// <summary>The endpoint bound (with the actual port once started).</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Binds and starts accepting connections.</summary>
    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
        _log?.Invoke($"HL7 MLLP listening on {Endpoint}");
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (cancellationToken.IsCancellationRequested) return;
                continue;
            }
            if (!_slots.Wait(0))
            {
                _log?.Invoke($"HL7 MLLP: connection from {client.Client.RemoteEndPoint} refused, {MaxConnections} already open");
                client.Dispose();
                continue;
            }
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(ServeAsync(client, cancellationToken));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            client.NoDelay = true;
            await using var stream = client.GetStream();
            var reader = new MllpFrameReader(stream, _maxMessageBytes);
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(_idleTimeout);
                var frame = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
                if (frame is null) break;
                if (frame.SkippedBytes > 0) _log?.Invoke($"HL7 MLLP {remote}: skipped {frame.SkippedBytes} byte(s) outside a block");
                var reply = _handler(frame);
                await stream.WriteAsync(Mllp.Frame(reply), idle.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _log?.Invoke($"HL7 MLLP {remote}: closed after {_idleTimeout.TotalSeconds:0} s without a complete message");
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or we are stopping.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A handler that fails without an answer: this connection closes, the listener goes on.
            _log?.Invoke($"HL7 MLLP {remote}: {e.GetType().Name}: {e.Message}; connection closed");
        }
        finally
        {
            client.Dispose();
            _slots.Release();
        }
    }

    /// <summary>Stops accepting, closes the connections and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        Task[] pending;
        lock (_connections) pending = [_accepting, .. _connections];
        await Task.WhenAll(pending).ConfigureAwait(false);
        _stop.Dispose();
        _slots.Dispose();
    }
}
