using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hounsfield.Dicom.Network.UpperLayer;
using static Hounsfield.Dicom.Network.Tests.Association.NetworkTestHelpers;
using static Hounsfield.Dicom.Network.Tests.TestBytes;

namespace Hounsfield.Dicom.Network.Tests.Association;

/// <summary>Peers that misbehave: every case ends with an A-ABORT or a close, and a clear error, in bounded time.</summary>
public class ProtocolErrorTests
{
    [Fact]
    public async Task Artim_ClosesAConnectionThatNeverSendsARequest()
    {
        var options = new DicomListenerOptions { Association = FastOptions() };
        options.Association.ArtimTimeout = TimeSpan.FromMilliseconds(300);
        var (listener, port) = StartListener(VerificationPolicy(), DicomListener.DrainUntilReleaseAsync, options);
        await using var _ = listener;
        var failures = CollectFailures(listener);

        using var raw = await RawConnectAsync(port);
        var clock = Stopwatch.StartNew();
        Assert.True(await RawWaitForCloseAsync(raw, TimeSpan.FromSeconds(10)), "the listener did not close the idle connection");
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        await AssociationTests.WaitUntilAsync(() => !failures.IsEmpty);
        Assert.Contains(failures, f => f.Message.Contains("ARTIM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownPduTypeBeforeAssociation_GetsAbortAndClose()
    {
        var (listener, port) = StartListener(VerificationPolicy(), DicomListener.DrainUntilReleaseAsync);
        await using var _ = listener;
        var failures = CollectFailures(listener);
        using var raw = await RawConnectAsync(port);
        await raw.SendAsync(H("09 00 00000004 00000000"));
        // Sta2 + Evt19 → AA-1: A-ABORT with service-user source.
        var abort = await RawReadPduAsync(raw);
        Assert.Equal("07000000000400000000", Hex(abort!));
        raw.Close();
        await AssociationTests.WaitUntilAsync(() => !failures.IsEmpty);
        Assert.Contains(failures, f => f.Message.Contains("unrecognized PDU type 0x09", StringComparison.Ordinal));
    }

    /// <summary>Opens an association with raw bytes and returns the socket in Sta6 on the listener's side.</summary>
    private static async Task<Socket> RawAssociateAsync(int port)
    {
        var raw = await RawConnectAsync(port);
        await raw.SendAsync(EncodeRequest(VerificationRequest()));
        var ac = await RawReadPduAsync(raw);
        Assert.Equal((byte)PduType.AAssociateAc, ac![0]);
        return raw;
    }

    private static (DicomListener, int, TaskCompletionSource<Exception>) ListenerCapturingHandlerError()
    {
        var error = new TaskCompletionSource<Exception>();
        async Task Handler(Dicom.Network.Association a, CancellationToken ct)
        {
            try
            {
                while (await a.ReceiveAsync(ct) is not null)
                {
                }
                error.SetException(new InvalidOperationException("no error"));
            }
            catch (Exception e)
            {
                error.SetResult(e);
            }
        }
        var (listener, port) = StartListener(VerificationPolicy(), Handler);
        return (listener, port, error);
    }

    [Theory]
    [InlineData("04 00 00000008 00000010 01 03 AABB", "PDV item length 16")]          // PDV claims more than the PDU
    [InlineData("04 00 FFFFFFFF", "exceeds the maximum length")]                     // 4 GB claim
    [InlineData("04 00 00000008 00000004 03 03 AABB", "context 3, which was not accepted")]
    [InlineData("02 00 00000004 00000000", "A-ASSOCIATE-AC length 4")]               // malformed AC length
    [InlineData("0A 00 00000000", "unrecognized PDU type 0x0A")]
    public async Task MalformedPduInSta6_AbortsWithProviderSourceAndReason(string pduHex, string messagePart)
    {
        var (listener, port, error) = ListenerCapturingHandlerError();
        await using var _ = listener;
        using var raw = await RawAssociateAsync(port);
        await raw.SendAsync(H(pduHex));

        var abort = await RawReadPduAsync(raw);
        Assert.NotNull(abort);
        Assert.Equal((byte)PduType.AAbort, abort[0]);
        Assert.Equal((byte)AbortSource.ServiceProvider, abort[8]);
        raw.Close();

        var e = Assert.IsType<AssociationAbortedException>(await error.Task.WaitAsync(TestTimeout));
        Assert.Contains(messagePart, e.Message);
        Assert.False(e.ByPeer);
        Assert.Equal((AbortReason)abort[9], e.Reason);
    }

    [Fact]
    public async Task UnexpectedValidPduInSta6_AbortsWithUnexpectedPdu()
    {
        var (listener, port, error) = ListenerCapturingHandlerError();
        await using var _ = listener;
        using var raw = await RawAssociateAsync(port);
        await raw.SendAsync(H("06 00 00000004 00000000")); // A-RELEASE-RP without a request: Sta6 + Evt13 → AA-8
        var abort = await RawReadPduAsync(raw);
        Assert.Equal("07000000000400000202", Hex(abort!));
        raw.Close();
        var e = Assert.IsType<AssociationAbortedException>(await error.Task.WaitAsync(TestTimeout));
        Assert.Contains("unexpected A-RELEASE-RP", e.Message);
    }

    [Fact]
    public async Task PeerVanishingMidPdu_IsAnAPAbort()
    {
        var (listener, port, error) = ListenerCapturingHandlerError();
        await using var _ = listener;
        var raw = await RawAssociateAsync(port);
        await raw.SendAsync(H("04 00 00000100 000000FE 01 00 0102"));
        raw.Close();
        var e = Assert.IsType<AssociationAbortedException>(await error.Task.WaitAsync(TestTimeout));
        Assert.Contains("closed the connection after", e.Message);
        Assert.Equal(AbortSource.ServiceProvider, e.AbortSource);
    }

    /// <summary>A fake acceptor that answers an A-ASSOCIATE-RQ with the given bytes and records what comes back.</summary>
    private static async Task<(int Port, Task<byte[]?> AfterReply)> FakeAcceptorAsync(byte[]? reply)
    {
        var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var task = Task.Run(async () =>
        {
            try
            {
                using var s = await server.AcceptSocketAsync();
                var rq = await RawReadPduAsync(s);
                Assert.Equal((byte)PduType.AAssociateRq, rq![0]);
                if (reply is null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5));
                    return null;
                }
                await s.SendAsync(reply);
                return await RawReadPduAsync(s, TimeSpan.FromSeconds(10));
            }
            finally
            {
                server.Stop();
            }
        });
        await Task.Yield();
        return (port, task);
    }

    [Fact]
    public async Task Requestor_GettingGarbageInsteadOfAc_AbortsWithClearError()
    {
        var (port, after) = await FakeAcceptorAsync(H("02 00 00000050").Concat(new byte[0x50]).ToArray());
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<AssociationAbortedException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions()));
        Assert.Contains("item of unknown or misplaced type 0x00", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        var abort = await after.WaitAsync(TestTimeout);
        Assert.Equal((byte)PduType.AAbort, abort![0]);
        Assert.Equal((byte)AbortSource.ServiceProvider, abort[8]);
    }

    [Fact]
    public async Task Requestor_GettingReleaseRpInSta5_AbortsAsUnexpected()
    {
        var (port, after) = await FakeAcceptorAsync(H("06 00 00000004 00000000"));
        var e = await Assert.ThrowsAsync<AssociationAbortedException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions()));
        Assert.Contains("unexpected A-RELEASE-RP", e.Message);
        Assert.Equal("07000000000400000202", Hex((await after.WaitAsync(TestTimeout))!));
    }

    [Fact]
    public async Task Requestor_PeerAbortsDuringEstablishment_IsReported()
    {
        var (port, _) = await FakeAcceptorAsync(H("07 00 00000004 0000 02 01"));
        var e = await Assert.ThrowsAsync<AssociationAbortedException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions()));
        Assert.True(e.ByPeer);
        Assert.Equal(AbortReason.UnrecognizedPdu, e.Reason);
        Assert.Contains("A-P-ABORT by the service-provider", e.Message);
    }

    [Fact]
    public async Task Requestor_SilentAcceptor_TimesOutOnAcse()
    {
        var (port, _) = await FakeAcceptorAsync(null);
        var options = FastOptions();
        options.AcseTimeout = TimeSpan.FromMilliseconds(400);
        options.ArtimTimeout = TimeSpan.FromMilliseconds(400);
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<DicomNetworkException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), options));
        Assert.Contains("ACSE timeout", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Requestor_OversizeAcClaim_FailsWithoutWaiting()
    {
        var (port, after) = await FakeAcceptorAsync(H("02 00 7FFFFFFF"));
        var e = await Assert.ThrowsAsync<AssociationAbortedException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions()));
        Assert.Contains("A-ASSOCIATE-AC length 2147483647 is outside", e.Message);
        Assert.Equal((byte)PduType.AAbort, (await after.WaitAsync(TestTimeout))![0]);
    }
}
