namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// The floor of <see cref="FeedReaders"/>: readers that wait the same way (a version and a task taken under a lock,
/// the task awaited beside a stop) for a <see cref="Signal"/> that carries nothing, so what they cost is the
/// wake-ups alone. <see cref="Expect"/> gives a task that completes when every reader has seen one more signal.
/// </summary>
internal sealed class SignalReaders : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task[] readers;
    private long version;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int remaining;
    private TaskCompletionSource allSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SignalReaders(int count)
    {
        readers = [.. Enumerable.Range(0, count).Select(_ => Task.Run(ReadAsync))];
    }

    /// <summary>What <see cref="Web.RemediationFeed.Note"/> does for its readers: a new version, the waiting task completed.</summary>
    public void Signal()
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            version++;
            signal = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    /// <summary>Completes when each reader has seen the next signal (at once without readers).</summary>
    public Task Expect()
    {
        if (readers.Length == 0)
        {
            return Task.CompletedTask;
        }

        allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref remaining, readers.Length);
        return allSeen.Task;
    }

    public async ValueTask DisposeAsync()
    {
        stopped.TrySetResult();
        await Task.WhenAll(readers);
    }

    private async Task ReadAsync()
    {
        long seen;
        lock (gate)
        {
            seen = version;
        }

        while (true)
        {
            long now;
            Task next;
            lock (gate)
            {
                now = version;
                next = changed.Task;
            }

            if (now > seen)
            {
                seen = now;
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    allSeen.TrySetResult();
                }
            }

            if (await Task.WhenAny(next, stopped.Task) == stopped.Task)
            {
                return;
            }
        }
    }
}
