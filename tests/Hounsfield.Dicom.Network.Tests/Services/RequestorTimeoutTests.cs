using System.Net;
using System.Net.Sockets;
using Hounsfield.Dicom.Network.Tests.Association;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>
/// The requestor's connect and release timeouts against peers that never answer: each ends with a
/// clear error and the connection closed, well within a generous bound (no claim on how fast).
/// </summary>
public class RequestorTimeoutTests : ServiceTestBase
{
    [Fact]
    public async Task PeerThatNeverSendsAReleaseRp_IsAbortedAfterTheReleaseTimeout()
    {
        var received = new TaskCompletionSource<(byte[]? First, byte[]? Second)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = new FakeAcceptor(NetworkTestHelpers.VerificationPolicy(), async (_, socket) =>
            // Reads below the association, so nothing is ever answered: the A-RELEASE-RQ, then what the requestor does about the silence.
            received.SetResult((await NetworkTestHelpers.RawReadPduAsync(socket), await NetworkTestHelpers.RawReadPduAsync(socket))));
        var options = ClientOptions();
        options.Association.ReleaseTimeout = TimeSpan.FromMilliseconds(500);
        var client = Own(await DicomClient.ConnectAsync($"FAKE@127.0.0.1:{peer.Port}", options));

        var e = await Assert.ThrowsAsync<DicomNetworkException>(() => client.ReleaseAsync().WaitAsync(Timeout));
        Assert.Contains("no A-RELEASE-RP within the release timeout of 0.5 s; aborted", e.Message);
        Assert.Equal(AssociationState.Sta1Idle, client.Association.State);
        var (first, second) = await received.Task.WaitAsync(Timeout);
        Assert.Equal((byte)PduType.AReleaseRq, first![0]);
        Assert.Equal((byte)PduType.AAbort, second![0]);
    }

    [Fact]
    public async Task ReleaseTimeout_IsNotTheAcseTimeout()
    {
        // A long ACSE timeout must not hold a release that has its own, short one.
        await using var peer = new FakeAcceptor(NetworkTestHelpers.VerificationPolicy(), (_, socket) => NetworkTestHelpers.RawWaitForCloseAsync(socket, Timeout));
        var options = ClientOptions();
        options.Association.AcseTimeout = TimeSpan.FromMinutes(10);
        options.Association.ReleaseTimeout = TimeSpan.FromMilliseconds(300);
        var client = Own(await DicomClient.ConnectAsync($"FAKE@127.0.0.1:{peer.Port}", options));

        var e = await Assert.ThrowsAsync<DicomNetworkException>(() => client.ReleaseAsync().WaitAsync(Timeout));
        Assert.Contains("release timeout of 0.3 s", e.Message);
    }

    [Fact]
    public async Task ListenerWhoseBacklogIsFull_EndsTheConnectWithTheConnectTimeout()
    {
        // A listener that never accepts, with a backlog of 0: once its queue is full the kernel drops
        // further SYNs, so a connect neither succeeds nor is refused.
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.Listen(0);
        var port = ((IPEndPoint)server.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            while (fillers.Count < 16 && await FillAsync(port, fillers))
            {
            }
            Assert.True(fillers.Count < 16, "the listen queue never filled up");
            var options = ClientOptions();
            options.Association.ConnectTimeout = TimeSpan.FromMilliseconds(500);

            var e = await Assert.ThrowsAsync<DicomNetworkException>(() => DicomClient.ConnectAsync($"SILENT@127.0.0.1:{port}", options).WaitAsync(Timeout));
            Assert.Contains($"connecting to 127.0.0.1:{port} timed out after 0.5 s", e.Message);
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
        }
    }

    // True when one more connection got into the listen queue; false once the kernel stopped answering.
    private static async Task<bool> FillAsync(int port, List<Socket> fillers)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        fillers.Add(socket);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
