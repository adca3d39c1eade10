using Hounsfield.Archive.Routing;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Archive.Workflow;

namespace Hounsfield.Archive.Tests.Routing;

public sealed class OutboundQueueTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hf-queue-").FullName;
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private OutboundQueue Open() => new(new WorkflowDatabase(Path.Combine(_folder, "workflow.sqlite")), _time);

    private static OutboundMessage Store(string destination, string uid) => new(destination, OutboundJobKind.Store, uid);

    [Fact]
    public void Jobs_are_claimed_per_destination_in_order_and_done_only_when_completed()
    {
        var queue = Open();
        queue.Enqueue([Store("A", "1.1"), Store("B", "2.1"), Store("A", "1.2")]);
        Assert.Equal(["A", "B"], queue.DueDestinations());
        var claimed = queue.Claim("A", 10);
        Assert.Equal(["1.1", "1.2"], claimed.Select(j => j.SopInstanceUid));
        Assert.Empty(queue.Claim("A", 10));
        Assert.All(queue.List(OutboundJobState.InFlight), j => Assert.Equal("A", j.Destination));
        queue.Complete(claimed[0].Id);
        Assert.Equal(OutboundJobState.Done, queue.List().Single(j => j.Id == claimed[0].Id).State);
        Assert.Single(queue.Claim("B", 1));
    }

    [Fact]
    public void A_failure_waits_with_exponential_backoff_then_fails_at_the_limit()
    {
        var queue = Open();
        var id = queue.Enqueue([Store("A", "1.1")])[0];
        var delay = TimeSpan.FromSeconds(5);
        Assert.Equal(OutboundJobState.Pending, queue.Fail(queue.Claim("A", 1)[0].Id, "refused", 3, delay, TimeSpan.FromMinutes(1)));
        Assert.Empty(queue.DueDestinations());
        Assert.Equal(_time.GetUtcNow() + delay, queue.NextDue());
        _time.Advance(delay);
        Assert.Equal(OutboundJobState.Pending, queue.Fail(queue.Claim("A", 1).Single().Id, "refused", 3, delay, TimeSpan.FromMinutes(1)));
        Assert.Equal(_time.GetUtcNow() + 2 * delay, queue.NextDue());
        _time.Advance(2 * delay);
        Assert.Equal(OutboundJobState.Failed, queue.Fail(queue.Claim("A", 1).Single().Id, "still refused", 3, delay, TimeSpan.FromMinutes(1)));
        var job = queue.List().Single();
        Assert.Equal((id, 3, "still refused"), (job.Id, job.Attempts, job.LastError));
        Assert.Empty(queue.DueDestinations());
    }

    [Fact]
    public void Jobs_in_flight_when_the_process_stopped_are_pending_after_a_restart()
    {
        var queue = Open();
        queue.Enqueue([Store("A", "1.1"), Store("A", "1.2")]);
        var claimed = queue.Claim("A", 10);
        queue.Complete(claimed[0].Id);

        var reopened = Open();
        Assert.Equal(1, reopened.RecoverInFlight());
        Assert.Equal(["1.2"], reopened.Claim("A", 10).Select(j => j.SopInstanceUid));
        Assert.Equal(OutboundJobState.Done, reopened.List().Single(j => j.SopInstanceUid == "1.1").State);
    }

    [Fact]
    public void Retry_and_clear_by_id_and_by_state()
    {
        var queue = Open();
        var ids = queue.Enqueue([Store("A", "1.1"), Store("A", "1.2"), Store("A", "1.3")]);
        var claimed = queue.Claim("A", 10);
        queue.Complete(ids[0]);
        queue.Fail(ids[1], "x", 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        queue.Fail(ids[2], "x", 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(2, queue.List(OutboundJobState.Failed).Count);

        Assert.True(queue.Retry(ids[1]));
        Assert.False(queue.Retry(ids[0]));
        var retried = queue.List().Single(j => j.Id == ids[1]);
        Assert.Equal((OutboundJobState.Pending, 0), (retried.State, retried.Attempts));
        Assert.Equal(1, queue.RetryFailed());
        Assert.Equal(1, queue.Clear(OutboundJobState.Done));
        Assert.True(queue.Remove(ids[1]));
        Assert.False(queue.Remove(ids[1]));
        Assert.Equal([ids[2]], queue.List().Select(j => j.Id));
        Assert.Equal(3, claimed.Count);
    }

    [Fact]
    public void Done_jobs_older_than_the_retention_are_purged_others_stay()
    {
        var queue = Open();
        var ids = queue.Enqueue([Store("A", "1.1"), Store("A", "1.2"), Store("A", "1.3")]);
        queue.Claim("A", 1);
        queue.Complete(ids[0]);
        _time.Advance(TimeSpan.FromDays(2));
        queue.Claim("A", 1);
        queue.Complete(ids[1]);
        Assert.Equal(1, queue.PurgeDone(TimeSpan.FromDays(1)));
        Assert.Equal([ids[1], ids[2]], queue.List().Select(j => j.Id));
    }

    [Fact]
    public void An_mpps_n_set_waits_until_its_n_create_is_done_at_that_destination()
    {
        var queue = Open();
        queue.Enqueue([
            new OutboundMessage("RIS", OutboundJobKind.MppsCreate, "9.1", Payload: [0]),
            new OutboundMessage("RIS", OutboundJobKind.MppsSet, "9.1", Payload: [0]),
            new OutboundMessage("RIS", OutboundJobKind.MppsCreate, "9.2", Payload: [0]),
        ]);
        var first = queue.Claim("RIS", 10);
        Assert.Equal([OutboundJobKind.MppsCreate, OutboundJobKind.MppsCreate], first.Select(j => j.Kind));
        queue.Fail(first[0].Id, "down", 5, TimeSpan.Zero, TimeSpan.Zero);
        Assert.Equal([OutboundJobKind.MppsCreate], queue.Claim("RIS", 10).Select(j => j.Kind));
        queue.Complete(first[0].Id);
        Assert.Equal([OutboundJobKind.MppsSet], queue.Claim("RIS", 10).Select(j => j.Kind));
    }
}
