using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.UpperLayer;
using Hounsfield.Interop.Tests.Support;
using static Hounsfield.Interop.Tests.Network.InteropNetwork;

namespace Hounsfield.Interop.Tests.Network;

/// <summary>
/// Association negotiation against DCMTK (echoscu, storescp) at the upper layer, with hand-made
/// C-ECHO command sets. They FAIL when DCMTK is missing.
/// </summary>
public class AssociationInteropTests
{
    /// <summary>Answers one hand-made C-ECHO, then waits for the release.</summary>
    internal static async Task AnswerEchoAsync(Association a, CancellationToken ct)
    {
        var (command, fragments) = await ReceiveMessageAsync(a, ct);
        var messageId = HandMadeEcho.ReadUS(command, 0x0110) ?? throw new InvalidOperationException("no Message ID in C-ECHO-RQ");
        await a.SendPDataAsync(fragments[0].PresentationContextId, isCommand: true, HandMadeEcho.Response(messageId), ct);
        await DicomListener.DrainUntilReleaseAsync(a, ct);
    }

    [Fact]
    public async Task Echoscu_NegotiatesWithOurAcceptor_AndSeesTheAcceptedContext()
    {
        var policy = VerificationPolicy();
        policy.CalledAETitles.Add("HOUNSFIELD");
        var (listener, port) = StartListener(policy, AnswerEchoAsync);
        await using var _ = listener;

        await using var echo = DcmtkProcess.Start("echoscu", "-d", "-aet", "ECHOSCU", "-aec", "HOUNSFIELD", "127.0.0.1", Text(port));
        var exit = await echo.WaitForExitAsync(ToolTimeout);
        var output = echo.Output;

        Assert.True(exit == 0, $"echoscu exited {exit}:\n{output}");
        Assert.Contains("BEGIN A-ASSOCIATE-AC", output);
        Assert.Contains("Association Accepted", output);
        var acSection = output[output.IndexOf("BEGIN A-ASSOCIATE-AC", StringComparison.Ordinal)..];
        Assert.Contains("Their Implementation Class UID:    " + DicomUid.ImplementationClassUid, acSection);
        Assert.Matches(@"Context ID:\s+1 \(Accepted\)", acSection);
        Assert.Matches(@"Accepted Transfer Syntax: =LittleEndianImplicit", acSection);
        Assert.Contains("Received Echo Response (Success)", output);
    }

    [Fact]
    public async Task Echoscu_CalledAENotRecognized_PrintsTheRejectionReason()
    {
        var policy = VerificationPolicy();
        policy.CalledAETitles.Add("HOUNSFIELD");
        var (listener, port) = StartListener(policy, DicomListener.DrainUntilReleaseAsync);
        await using var _ = listener;

        await using var echo = DcmtkProcess.Start("echoscu", "-aet", "ECHOSCU", "-aec", "SOMEONE_ELSE", "127.0.0.1", Text(port));
        var exit = await echo.WaitForExitAsync(ToolTimeout);
        var output = echo.Output;
        Assert.NotEqual(0, exit);
        Assert.Contains("Association Rejected", output);
        Assert.Contains("Called AE Title Not Recognized", output, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"Result:\s+Rejected Permanent", output);
    }

    [Fact]
    public async Task Echoscu_OverLimit_PrintsLocalLimitExceeded()
    {
        var options = new DicomListenerOptions { Association = FastOptions(), MaxAssociationsPerCallingAE = 1 };
        var (listener, port) = StartListener(VerificationPolicy(), DicomListener.DrainUntilReleaseAsync, options);
        await using var _ = listener;
        // Hold the one slot for calling AE "ECHOSCU".
        await using var holder = await Association.ConnectAsync("127.0.0.1", port, VerificationRequest("ECHOSCU"), FastOptions());

        await using var echo = DcmtkProcess.Start("echoscu", "-aet", "ECHOSCU", "127.0.0.1", Text(port));
        var exit = await echo.WaitForExitAsync(ToolTimeout);
        Assert.NotEqual(0, exit);
        Assert.Contains("Local Limit Exceeded", echo.Output, StringComparison.OrdinalIgnoreCase);
        await holder.ReleaseAsync();
    }

    [Fact]
    public async Task OurRequestor_NegotiatesWithStorescp_EchoesAndReleasesCleanly()
    {
        var port = FreePort();
        var folder = Directory.CreateTempSubdirectory("hounsfield-storescp-").FullName;
        await using var storescp = DcmtkProcess.Start("storescp", "-d", "-aet", "STORESCP", "-od", folder, Text(port));
        try
        {
            var rq = new AssociationRequest("HOUNSFIELD", "STORESCP");
            rq.AddPresentationContext(DicomUid.Verification.Value, DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.ExplicitVRLittleEndian);
            rq.AddPresentationContext(DicomUid.CTImageStorage.Value, DicomTransferSyntax.ExplicitVRLittleEndian);
            rq.AddPresentationContext("1.2.3.4.5.6.7.8.9", DicomTransferSyntax.ExplicitVRLittleEndian);
            var options = FastOptions();
            options.MaxPduLength = 32768;

            await using var a = await ConnectWhenReadyAsync(port, rq, options, storescp);
            Assert.True(a.PresentationContexts[0].IsAccepted, storescp.Output);
            Assert.Contains(a.PresentationContexts[0].AcceptedTransferSyntaxUid, rq.PresentationContexts[0].TransferSyntaxes);
            Assert.True(a.PresentationContexts[1].IsAccepted);
            Assert.Equal(PresentationContextResult.AbstractSyntaxNotSupported, a.PresentationContexts[2].Result);
            Assert.NotEqual(0u, a.PeerMaxPduLength);
            Assert.StartsWith("OFFIS_DCMTK", a.PeerUserInformation.ImplementationVersionName);

            // P-DATA both ways with DCMTK: a hand-made C-ECHO-RQ and its response.
            await a.SendPDataAsync(1, isCommand: true, HandMadeEcho.Request(7));
            var (response, _) = await ReceiveMessageAsync(a, new CancellationTokenSource(TestTimeout).Token);
            Assert.Equal((ushort)0x8030, HandMadeEcho.ReadUS(response, 0x0100));
            Assert.Equal((ushort)7, HandMadeEcho.ReadUS(response, 0x0120));
            Assert.Equal((ushort)0, HandMadeEcho.ReadUS(response, 0x0900));

            await a.ReleaseAsync();
            Assert.Equal(AssociationState.Sta1Idle, a.State);
            await storescp.WaitForOutputAsync("Association Release", TimeSpan.FromSeconds(10));
            Assert.DoesNotContain("Abort", storescp.Output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            storescp.Stop();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Storescp_RejectingCalledAE_IsReportedWithReason()
    {
        var port = FreePort();
        await using var storescp = DcmtkProcess.Start("storescp", "--refuse", Text(port));
        try
        {
            var e = await Assert.ThrowsAsync<AssociationRejectedException>(() =>
                ConnectWhenReadyAsync(port, VerificationRequest("HOUNSFIELD", "ANY-SCP"), FastOptions(), storescp));
            Assert.Equal(AssociateRejectResult.RejectedPermanent, e.Rejection.Result);
            Assert.Contains("rejected", e.Message);
        }
        finally
        {
            storescp.Stop();
        }
    }

    /// <summary>storescp needs a moment to listen; retry while the connection is refused.</summary>
    private static Task<Association> ConnectWhenReadyAsync(int port, AssociationRequest rq, AssociationOptions options, DcmtkProcess peer) =>
        WhenListeningAsync(() => Association.ConnectAsync("127.0.0.1", port, rq, options), peer);
}
