using System.Net;
using System.Net.Sockets;
using Hounsfield.Dicom.Network.Tests.Association;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>
/// A misbehaving peer: accepts one connection, negotiates with a real <see cref="Dicom.Network.Association"/>
/// (so the handshake is right), then does whatever the test says with it and with the raw socket
/// underneath — stay silent, or drop the TCP connection without an A-ABORT.
/// </summary>
internal sealed class FakeAcceptor : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;
    private Socket? _socket;

    public FakeAcceptor(AcceptorPolicy policy, Func<Dicom.Network.Association, Socket, Task> behaviour)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = ServeAsync(policy, behaviour);
    }

    public int Port { get; }

    /// <summary>What happened on our side, for assertions and diagnostics.</summary>
    public Exception? Error { get; private set; }

    public Task Served => _serving;

    private async Task ServeAsync(AcceptorPolicy policy, Func<Dicom.Network.Association, Socket, Task> behaviour)
    {
        try
        {
            _socket = await _listener.AcceptSocketAsync();
            _socket.NoDelay = true;
            var outcome = await Dicom.Network.Association.AcceptAsync(_socket, new NetworkStream(_socket, ownsSocket: false), _socket.RemoteEndPoint,
                policy, NetworkTestHelpers.FastOptions(), null, CancellationToken.None);
            if (outcome.Association is not { } association) throw outcome.Error ?? new InvalidOperationException("not accepted");
            await using (association) await behaviour(association, _socket);
        }
        catch (Exception e)
        {
            Error = e;
        }
    }

    /// <summary>Closes the connection at once with a TCP reset, no A-ABORT.</summary>
    public static void Drop(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _socket?.Dispose();
        await _serving.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
