using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Tests.FollowUps;

public sealed class KeyedWorkQueueTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Repeated_changes_of_a_waiting_key_are_worked_on_once()
    {
        var queue = new KeyedWorkQueue();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(Cancel));
        Assert.Equal("b", await queue.TakeAsync(Cancel));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_changed_while_worked_on_is_queued_again_only_when_that_work_is_done()
    {
        var queue = new KeyedWorkQueue();
        queue.Add("a");
        var taken = await queue.TakeAsync(Cancel);

        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count);

        queue.Done(taken);
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(Cancel));
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Ten_thousand_distinct_keys_are_all_kept()
    {
        var queue = new KeyedWorkQueue();
        for (var i = 0; i < 10_001; i++)
        {
            queue.Add($"job-{i}");
        }

        var taken = new HashSet<string>();
        while (queue.Count > 0)
        {
            taken.Add(await queue.TakeAsync(Cancel));
        }

        Assert.Equal(10_001, taken.Count);
        Assert.Contains("job-0", taken);
    }
}
