using System.Collections.Concurrent;
using System.Net;
using Hounsfield.Dicom.Network.UpperLayer;
using static Hounsfield.Dicom.Network.Tests.Association.NetworkTestHelpers;

namespace Hounsfield.Dicom.Network.Tests.Association;

/// <summary>Negotiation, data transfer, release and abort between our requestor and our acceptor over real sockets.</summary>
public class AssociationTests
{
    [Fact]
    public async Task Negotiation_AcceptsOurPreferredSyntax_AndReportsPerContextResults()
    {
        var (listener, port) = StartListener(VerificationPolicy(), DicomListener.DrainUntilReleaseAsync);
        await using var _ = listener;
        var rq = new AssociationRequest("SCU", "SCP");
        rq.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRLittleEndian);
        rq.AddPresentationContext(DicomUid.MRImageStorage.Value, DicomTransferSyntax.ImplicitVRLittleEndian);
        rq.AddPresentationContext(DicomUid.CTImageStorage.Value, DicomTransferSyntax.Get(DicomUid.JPEGBaseline8Bit.Value));

        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, rq, FastOptions());
        Assert.Equal(AssociationState.Sta6Established, a.State);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, a.PresentationContexts[0].AcceptedTransferSyntax);
        Assert.Equal(PresentationContextResult.AbstractSyntaxNotSupported, a.PresentationContexts[1].Result);
        Assert.Equal(PresentationContextResult.TransferSyntaxesNotSupported, a.PresentationContexts[2].Result);
        Assert.Same(a.PresentationContexts[0], a.FindPresentationContext(DicomUid.Verification.Value));
        Assert.Null(a.FindPresentationContext(DicomUid.MRImageStorage.Value));
        Assert.Equal(AssociationOptions.DefaultMaxPduLength, a.PeerMaxPduLength);
        Assert.Equal(DicomUid.ImplementationClassUid, a.PeerUserInformation.ImplementationClassUid);
        await a.ReleaseAsync();
        Assert.Equal(AssociationState.Sta1Idle, a.State);
    }

    [Fact]
    public async Task Rejections_CarryResultSourceAndReason()
    {
        var policy = VerificationPolicy();
        policy.CalledAETitles.Add("SCP");
        policy.CallingAETitles.Add("SCU");
        var (listener, port) = StartListener(policy, DicomListener.DrainUntilReleaseAsync);
        await using var _ = listener;
        var rejected = new ConcurrentQueue<AssociationRejection>();
        listener.Rejected += (_, r) => rejected.Enqueue(r);

        var e1 = await Assert.ThrowsAsync<AssociationRejectedException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest("SCU", "NOBODY"), FastOptions()));
        Assert.Equal(AssociationRejection.CalledAETitleNotRecognized, e1.Rejection);
        Assert.Contains("called AE title not recognized", e1.Message);

        var e2 = await Assert.ThrowsAsync<AssociationRejectedException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest("STRANGER", "SCP"), FastOptions()));
        Assert.Equal(AssociationRejection.CallingAETitleNotRecognized, e2.Rejection);

        var badContext = VerificationRequest();
        badContext.ApplicationContextName = "1.2.3.4.5";
        var e3 = await Assert.ThrowsAsync<AssociationRejectedException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, badContext, FastOptions()));
        Assert.Equal(AssociationRejection.ApplicationContextNameNotSupported, e3.Rejection);
        await WaitUntilAsync(() => rejected.Count == 3);
    }

    [Fact]
    public async Task ProtocolVersionWithoutBit0_IsRejectedBySourceAcse()
    {
        var (listener, port) = StartListener(VerificationPolicy(), DicomListener.DrainUntilReleaseAsync);
        await using var _ = listener;
        using var raw = await RawConnectAsync(port);
        var rq = EncodeRequest(VerificationRequest());
        rq[7] = 0x02; // protocol version 2: bit 0 clear
        await raw.SendAsync(rq);
        var reply = await RawReadPduAsync(raw);
        Assert.Equal("03000000000400010202", TestBytes.Hex(reply!));
        raw.Close();
    }

    [Theory]
    [InlineData("total")]
    [InlineData("calling")]
    [InlineData("host")]
    public async Task Limits_RejectTransientLocalLimitExceeded(string which)
    {
        var options = new DicomListenerOptions { Association = FastOptions() };
        switch (which)
        {
            case "total": options.MaxAssociations = 1; break;
            case "calling": options.MaxAssociationsPerCallingAE = 1; break;
            default: options.MaxAssociationsPerHost = 1; break;
        }
        var (listener, port) = StartListener(VerificationPolicy(), DicomListener.DrainUntilReleaseAsync, options);
        await using var _ = listener;

        await using var first = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest("ONE"), FastOptions());
        var secondCalling = which == "calling" ? "ONE" : "TWO";
        var e = await Assert.ThrowsAsync<AssociationRejectedException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(secondCalling), FastOptions()));
        Assert.Equal(AssociationRejection.LocalLimitExceeded, e.Rejection);
        Assert.Contains("rejected-transient", e.Message);

        if (which == "calling")
        {
            // Another calling AE is still welcome.
            await using var other = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest("TWO"), FastOptions());
            await other.ReleaseAsync();
        }
        await first.ReleaseAsync();

        // The slot is free again once released.
        await WaitUntilAsync(() => listener.ActiveAssociations == 0);
        await using var third = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest("ONE"), FastOptions());
        await third.ReleaseAsync();
    }

    // 50,000 bytes go out in one write; 700,000 need several, since one write carries about 256 KiB of PDUs.
    [Theory]
    [InlineData(50_000)]
    [InlineData(700_000)]
    public async Task PData_IsFragmentedToThePeersMaximum_BothWays(int dataLength)
    {
        var received = new TaskCompletionSource<(byte[] Command, List<PresentationDataValue> CommandFragments, byte[] Data, List<PresentationDataValue> DataFragments)>();
        var reply = new byte[10_000];
        new Random(2).NextBytes(reply);
        async Task Handler(Dicom.Network.Association a, CancellationToken ct)
        {
            var command = await ReceiveMessageAsync(a, ct);
            var data = await ReceiveMessageAsync(a, ct);
            received.SetResult((command.Data, command.Fragments, data.Data, data.Fragments));
            await a.SendPDataAsync(1, isCommand: false, reply, ct);
            await DicomListener.DrainUntilReleaseAsync(a, ct);
        }
        var listenerOptions = new DicomListenerOptions { Association = FastOptions() };
        listenerOptions.Association.MaxPduLength = 16384;
        var (listener, port) = StartListener(VerificationPolicy(), Handler, listenerOptions);
        await using var _ = listener;

        var options = FastOptions();
        options.MaxPduLength = 4096;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), options);
        Assert.Equal(16384u, a.PeerMaxPduLength);
        Assert.Equal(16384 - 6, a.MaxPdvDataLength);

        var command = new byte[100];
        var data = new byte[dataLength];
        new Random(3).NextBytes(data);
        await a.SendPDataAsync(1, isCommand: true, command);
        await using (var writer = a.CreatePDataWriter(1, isCommand: false))
        {
            // Odd-sized writes so fragment boundaries fall inside writes.
            for (var at = 0; at < data.Length; at += 777)
            {
                await writer.WriteAsync(data.AsMemory(at, Math.Min(777, data.Length - at)));
            }
            await writer.CompleteAsync();
        }

        var got = await received.Task.WaitAsync(TestTimeout);
        Assert.Equal(command, got.Command);
        Assert.All(got.CommandFragments, f => Assert.True(f.IsCommand));
        Assert.Equal(data, got.Data);
        Assert.All(got.DataFragments, f => Assert.False(f.IsCommand));
        Assert.All(got.DataFragments, f => Assert.True(f.Data.Length <= 16384 - 6));
        var fragments = (dataLength + 16378 - 1) / 16378; // 50000 / 16378 = 3.05 → 4 fragments
        Assert.Equal(fragments, got.DataFragments.Count);
        Assert.Equal([.. Enumerable.Repeat(false, fragments - 1), true], got.DataFragments.Select(f => f.IsLastFragment));

        var back = await ReceiveMessageAsync(a);
        Assert.Equal(reply, back.Data);
        Assert.All(back.Fragments, f => Assert.True(f.Data.Length <= 4096 - 6));
        Assert.Equal(3, back.Fragments.Count); // 10000 / 4090 → 3
        await a.ReleaseAsync();
    }

    [Fact]
    public async Task PData_WithNoMaximumAdvertised_UsesOurSendCap()
    {
        var big = new byte[2_500_000];
        new Random(4).NextBytes(big);
        async Task Handler(Dicom.Network.Association a, CancellationToken ct)
        {
            Assert.Equal(0u, a.PeerMaxPduLength);
            await a.SendPDataAsync(1, isCommand: false, big, ct);
            await DicomListener.DrainUntilReleaseAsync(a, ct);
        }
        var (listener, port) = StartListener(VerificationPolicy(), Handler);
        await using var _ = listener;
        var options = FastOptions();
        options.MaxPduLength = 0; // "no maximum" (PS3.8 D.1)
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), options);
        var (data, fragments) = await ReceiveMessageAsync(a);
        Assert.Equal(big, data);
        Assert.All(fragments, f => Assert.True(f.Data.Length <= (1 << 20) - 6));
        Assert.Equal(3, fragments.Count);
        await a.ReleaseAsync();
    }

    [Fact]
    public async Task CancelledReceive_AbortsTheAssociation()
    {
        var peerSaw = new TaskCompletionSource<Exception>();
        async Task Handler(Dicom.Network.Association a, CancellationToken ct)
        {
            try
            {
                await a.ReceiveAsync(ct);
            }
            catch (Exception e)
            {
                peerSaw.SetResult(e);
            }
        }
        var (listener, port) = StartListener(VerificationPolicy(), Handler);
        await using var _ = listener;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await a.ReceiveAsync(cts.Token));
        Assert.Equal(AssociationState.Sta1Idle, a.State);
        Assert.IsType<AssociationAbortedException>(await peerSaw.Task.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task PData_OnUnacceptedContext_IsRefusedLocally()
    {
        var (listener, port) = StartListener(VerificationPolicy(), DicomListener.DrainUntilReleaseAsync);
        await using var _ = listener;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions());
        Assert.Throws<ArgumentException>(() => a.CreatePDataWriter(3, true));
        await a.ReleaseAsync();
    }

    [Fact]
    public async Task Release_ByRequestor_EndsBothSidesInSta1()
    {
        var acceptorDone = new TaskCompletionSource<AssociationState>();
        async Task Handler(Dicom.Network.Association a, CancellationToken ct)
        {
            Assert.Null(await a.ReceiveAsync(ct));
            Assert.Equal(AssociationState.Sta8AwaitingLocalReleaseResponse, a.State);
            await a.SendReleaseResponseAsync(ct);
            acceptorDone.SetResult(a.State);
        }
        var (listener, port) = StartListener(VerificationPolicy(), Handler);
        await using var _ = listener;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions());
        await a.ReleaseAsync();
        Assert.Equal(AssociationState.Sta1Idle, a.State);
        Assert.Equal(AssociationState.Sta1Idle, await acceptorDone.Task.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task ReleaseCollision_BothSidesReleaseAndVisitTheCollisionStates()
    {
        var acceptorTrace = new ConcurrentQueue<string>();
        var requestorTrace = new ConcurrentQueue<string>();
        var requestorSent = new TaskCompletionSource();
        var acceptorDone = new TaskCompletionSource<AssociationState>();
        async Task Handler(Dicom.Network.Association a, CancellationToken ct)
        {
            // Do not read: wait until the requestor's A-RELEASE-RQ is on the wire, then release too.
            await requestorSent.Task;
            await Task.Delay(100, ct);
            await a.ReleaseAsync(ct);
            acceptorDone.SetResult(a.State);
        }
        var listenerOptions = new DicomListenerOptions { Association = FastOptions() };
        listenerOptions.Association.Trace = acceptorTrace.Enqueue;
        var (listener, port) = StartListener(VerificationPolicy(), Handler, listenerOptions);
        await using var _ = listener;

        var options = FastOptions();
        options.Trace = requestorTrace.Enqueue;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), options);
        var release = a.ReleaseAsync();
        requestorSent.SetResult();
        await release.WaitAsync(TestTimeout);

        Assert.Equal(AssociationState.Sta1Idle, a.State);
        Assert.Equal(AssociationState.Sta1Idle, await acceptorDone.Task.WaitAsync(TestTimeout));
        Assert.Contains(requestorTrace, l => l.EndsWith("-> Sta9CollisionRequestorAwaitingLocalResponse", StringComparison.Ordinal));
        Assert.Contains(requestorTrace, l => l.EndsWith("-> Sta11CollisionRequestorAwaitingReleaseRp", StringComparison.Ordinal));
        Assert.Contains(acceptorTrace, l => l.EndsWith("-> Sta10CollisionAcceptorAwaitingReleaseRp", StringComparison.Ordinal));
        Assert.Contains(acceptorTrace, l => l.EndsWith("-> Sta12CollisionAcceptorAwaitingLocalResponse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Abort_ByRequestor_IsAnAAbortIndicationForTheAcceptor()
    {
        var seen = new TaskCompletionSource<AssociationAbortedException>();
        async Task Handler(Dicom.Network.Association a, CancellationToken ct)
        {
            try
            {
                await a.ReceiveAsync(ct);
            }
            catch (AssociationAbortedException e)
            {
                seen.SetResult(e);
            }
        }
        var (listener, port) = StartListener(VerificationPolicy(), Handler);
        await using var _ = listener;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions());
        await a.AbortAsync();
        Assert.Equal(AssociationState.Sta1Idle, a.State);
        var e = await seen.Task.WaitAsync(TestTimeout);
        Assert.True(e.ByPeer);
        Assert.Equal(AbortSource.ServiceUser, e.AbortSource);
        Assert.Contains("peer aborted", e.Message);
    }

    // Closed is how services learn that an association is over (auto delete waits on it), so it
    // must complete on the acceptor's side however the peer ends: release or abort.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Closed_CompletesOnTheAcceptor_WhenTheRequestorReleasesOrAborts(bool abort)
    {
        var accepted = new TaskCompletionSource<Dicom.Network.Association>();
        async Task Handler(Dicom.Network.Association a, CancellationToken ct)
        {
            accepted.SetResult(a);
            try
            {
                await DicomListener.DrainUntilReleaseAsync(a, ct);
            }
            catch (AssociationAbortedException)
            {
            }
        }
        var (listener, port) = StartListener(VerificationPolicy(), Handler);
        await using var _ = listener;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions());
        var acceptor = await accepted.Task.WaitAsync(TestTimeout);
        Assert.False(acceptor.Closed.IsCompleted);
        if (abort) await a.AbortAsync();
        else await a.ReleaseAsync();
        await acceptor.Closed.WaitAsync(TestTimeout);
        Assert.True(a.Closed.IsCompleted);
    }

    [Fact]
    public async Task Abort_ByAcceptor_IsSeenByTheRequestor()
    {
        var (listener, port) = StartListener(VerificationPolicy(), async (a, ct) => await a.AbortAsync());
        await using var _ = listener;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions());
        var e = await Assert.ThrowsAsync<AssociationAbortedException>(async () => await a.ReceiveAsync().AsTask().WaitAsync(TestTimeout));
        Assert.True(e.ByPeer);
        Assert.Equal(AssociationState.Sta1Idle, a.State);
    }

    [Fact]
    public async Task HandlerReturningWithoutRelease_AbortsTheAssociation()
    {
        var (listener, port) = StartListener(VerificationPolicy(), (a, ct) => Task.CompletedTask);
        await using var _ = listener;
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions());
        await Assert.ThrowsAsync<AssociationAbortedException>(async () => await a.ReceiveAsync().AsTask().WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task UserIdentity_IsNegotiatedEndToEnd()
    {
        var policy = VerificationPolicy();
        policy.UserIdentityValidator = (id, _) => id.PrimaryText == "alice" ? new UserIdentityVerdict(true, [7]) : UserIdentityVerdict.Reject;
        var (listener, port) = StartListener(policy, DicomListener.DrainUntilReleaseAsync);
        await using var _ = listener;

        var rq = VerificationRequest();
        rq.UserInformation.UserIdentity = UserIdentityNegotiation.ForJwt("token-for-alice".Replace("token-for-", ""), positiveResponseRequested: true);
        await using var a = await Dicom.Network.Association.ConnectAsync("127.0.0.1", port, rq, FastOptions());
        Assert.Equal(new byte[] { 7 }, a.PeerUserInformation.UserIdentityResponse!.ServerResponse);
        await a.ReleaseAsync();

        var bad = VerificationRequest();
        bad.UserInformation.UserIdentity = UserIdentityNegotiation.ForUsername("mallory");
        var e = await Assert.ThrowsAsync<AssociationRejectedException>(() => Dicom.Network.Association.ConnectAsync("127.0.0.1", port, bad, FastOptions()));
        Assert.Equal(AssociationRejection.NoReasonGiven, e.Rejection);
    }

    [Fact]
    public async Task ConnectionRefused_IsAClearError()
    {
        var free = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        var e = await Assert.ThrowsAsync<DicomNetworkException>(() =>
            Dicom.Network.Association.ConnectAsync("127.0.0.1", port, VerificationRequest(), FastOptions()));
        Assert.Contains($"cannot connect to 127.0.0.1:{port}", e.Message);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TestTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(20);
        }
    }
}
