using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>
/// Requests the host sends after answering (the Storage Commitment N-EVENT-REPORT of PS3.4 J.3.3):
/// on the same association through <see cref="DimseContext.PeerChannel"/>, and on an association
/// the reporting SCP opens with SCP/SCU role selection.
/// </summary>
public class EventReportTests : ServiceTestBase
{
    private const string Commitment = "1.2.840.10008.1.20.1";
    private const string CommitmentInstance = "1.2.840.10008.1.20.1.1";

    [Fact]
    public async Task HostReportsAfterItsResponse_OnTheSameAssociation_AndTheClientAnswers()
    {
        var reportAnswered = new TaskCompletionSource<DimseResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await StartHostAsync(h => h.Handle<NActionRequest>((request, context, ct) =>
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await context.ResponseSent;
                    Assert.True(context.PeerChannel.IsOpen);
                    var info = new DicomDataset().Set(DicomTag.TransactionUID, "1.2.3");
                    reportAnswered.TrySetResult(await context.PeerChannel.SendAsync(new NEventReportRequest(Commitment, CommitmentInstance, 1, info)));
                }
                catch (Exception e)
                {
                    reportAnswered.TrySetException(e);
                }
            });
            return Task.FromResult(request.CreateResponse(DimseStatus.Success));
        }, [Commitment]));

        NEventReportRequest? received = null;
        var options = ClientOptions();
        options.Propose(Commitment);
        options.IncomingRequestHandler = (request, _, _) =>
        {
            received = (NEventReportRequest)request;
            return Task.FromResult(request.CreateResponse(DimseStatus.Success));
        };
        var client = await ConnectAsync(host, options);
        var action = await client.SendAndWaitAsync(new NActionRequest(Commitment, CommitmentInstance, 1, new DicomDataset().Set(DicomTag.TransactionUID, "1.2.3")));
        Assert.Equal(DimseStatus.Success, action.Status);

        Assert.True(await client.WaitForRequestsAsync(() => received is not null, Timeout));
        Assert.Equal((ushort)1, received!.EventTypeId);
        Assert.Equal("1.2.3", received.Dataset!.GetString(DicomTag.TransactionUID));
        var answer = await reportAnswered.Task.WaitAsync(Timeout);
        Assert.Equal(DimseStatus.Success, answer.Status);
        Assert.IsType<NEventReportResponse>(answer);
        await client.ReleaseAsync();
    }

    [Fact]
    public async Task ReportSentBeforeTheResponse_IsAnsweredWhileTheClientWaits()
    {
        var host = await StartHostAsync(h => h.Handle<NActionRequest>(async (request, context, ct) =>
        {
            var answer = await context.PeerChannel.SendAsync(new NEventReportRequest(Commitment, CommitmentInstance, 1), ct);
            return request.CreateResponse(answer.Status.IsSuccess ? DimseStatus.Success : DimseStatus.ProcessingFailure);
        }, [Commitment]));
        var reports = 0;
        var options = ClientOptions().Propose(Commitment);
        options.IncomingRequestHandler = (request, _, _) =>
        {
            Interlocked.Increment(ref reports);
            return Task.FromResult(request.CreateResponse(DimseStatus.Success));
        };
        var client = await ConnectAsync(host, options);
        var action = await client.SendAndWaitAsync(new NActionRequest(Commitment, CommitmentInstance, 1, new DicomDataset()));
        Assert.Equal(DimseStatus.Success, action.Status);
        Assert.Equal(1, reports);
        await client.ReleaseAsync();
    }

    [Fact]
    public async Task PeerChannel_IsClosedOnceThePeerReleases_AndSendingFails()
    {
        var channel = new TaskCompletionSource<IDimsePeerChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await StartHostAsync(h => h.Handle<NActionRequest>((request, context, _) =>
        {
            channel.TrySetResult(context.PeerChannel);
            return Task.FromResult(request.CreateResponse(DimseStatus.Success));
        }, [Commitment]));
        var client = await ConnectAsync(host, ClientOptions().Propose(Commitment));
        await client.SendAndWaitAsync(new NActionRequest(Commitment, CommitmentInstance, 1, new DicomDataset()));
        await client.ReleaseAsync();

        var peer = await channel.Task.WaitAsync(Timeout);
        await WaitUntilAsync(() => !peer.IsOpen, "the channel to close");
        await Assert.ThrowsAsync<DicomNetworkException>(() => peer.SendAsync(new NEventReportRequest(Commitment, CommitmentInstance, 1)));
    }

    [Fact]
    public async Task WaitForRequests_TimesOut_WhenNothingComes()
    {
        var host = await StartHostAsync(h => h.Handle<NActionRequest>((request, _, _) => Task.FromResult(request.CreateResponse(DimseStatus.Success)), [Commitment]));
        var client = await ConnectAsync(host, ClientOptions().Propose(Commitment));
        await client.SendAndWaitAsync(new NActionRequest(Commitment, CommitmentInstance, 1, new DicomDataset()));
        Assert.False(await client.WaitForRequestsAsync(() => false, TimeSpan.FromMilliseconds(300)));
        Assert.NotEqual(AssociationState.Sta6Established, client.Association.State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReportingScp_OpensAnAssociation_TakingTheScpRole(bool negotiateRoles)
    {
        NEventReportRequest? received = null;
        var host = await StartHostAsync(h => h.HandleEventReports((request, _, _) =>
        {
            received = request;
            return Task.FromResult(request.CreateResponse(DimseStatus.Success));
        }, [Commitment]));

        var options = ClientOptions("ARCHIVE");
        options.PresentationContexts.Add(new PresentationContextProposal(Commitment, DicomClientOptions.DefaultTransferSyntaxes,
            ScuRole: !negotiateRoles, ScpRole: negotiateRoles));
        var reporter = await ConnectAsync(host, options);
        var context = Assert.Single(reporter.Association.PresentationContexts);
        Assert.True(context.IsAccepted);
        Assert.Equal(negotiateRoles, context.RequestorIsScp);

        var response = await reporter.SendAndWaitAsync(new NEventReportRequest(Commitment, CommitmentInstance, 2,
            new DicomDataset().Set(DicomTag.TransactionUID, "9.8.7")));
        Assert.Equal(DimseStatus.Success, response.Status);
        Assert.Equal((ushort)2, received!.EventTypeId);
        await reporter.ReleaseAsync();
    }
}
