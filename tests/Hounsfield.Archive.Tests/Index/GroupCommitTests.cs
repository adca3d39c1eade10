using Hounsfield.Archive.Index;

namespace Hounsfield.Archive.Tests.Index;

public sealed class GroupCommitTests
{
    private sealed record Item(int N, TaskCompletionSource Done);

    [Fact]
    public async Task A_lone_writer_writes_its_own_batch_on_its_own_thread()
    {
        int? writerThread = null;
        var commit = new GroupCommit<Item>(batch =>
        {
            writerThread = Environment.CurrentManagedThreadId;
            foreach (var item in batch) item.Done.SetResult();
            return Task.CompletedTask;
        }, maxBatch: 8);
        var item = new Item(1, new TaskCompletionSource());
        var caller = Environment.CurrentManagedThreadId;

        Assert.True(commit.Add(item));
        await commit.LeadAsync(item.Done.Task);

        Assert.True(item.Done.Task.IsCompletedSuccessfully);
        Assert.Equal(caller, writerThread);
    }

    [Fact]
    public async Task Writes_arriving_during_a_batch_share_the_next_one_and_all_complete()
    {
        var release = new TaskCompletionSource();
        var batches = new List<int>();
        var commit = new GroupCommit<Item>(async batch =>
        {
            lock (batches) batches.Add(batch.Count);
            if (batches.Count == 1) await release.Task;
            foreach (var item in batch) item.Done.SetResult();
        }, maxBatch: 100);
        var first = new Item(0, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Assert.True(commit.Add(first));
        var leading = commit.LeadAsync(first.Done.Task);   // blocked in the first batch
        var others = Enumerable.Range(1, 20).Select(n => new Item(n, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))).ToList();
        foreach (var item in others) Assert.False(commit.Add(item));   // a leader is active: they wait

        release.SetResult();
        await leading.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(others.Select(o => o.Done.Task)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([1, 20], batches);
    }

    [Fact]
    public async Task Close_waits_for_the_batch_in_flight_and_refuses_new_writes()
    {
        var release = new TaskCompletionSource();
        var commit = new GroupCommit<Item>(async batch =>
        {
            await release.Task;
            foreach (var item in batch) item.Done.SetResult();
        }, maxBatch: 8);
        var item = new Item(1, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Assert.True(commit.Add(item));
        var leading = commit.LeadAsync(item.Done.Task);

        var closed = commit.CloseAsync();
        Assert.False(closed.IsCompleted);
        Assert.Throws<ObjectDisposedException>(() => commit.Add(new Item(2, new TaskCompletionSource())));
        release.SetResult();
        await closed.WaitAsync(TimeSpan.FromSeconds(30));
        await leading;

        Assert.True(item.Done.Task.IsCompletedSuccessfully);
    }
}
