using OpenFero.DaemonSet.Web;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// Readers of a <see cref="RemediationFeed"/> as the remediation stream reads it: each awaits the task of its last
/// <c>Since</c>, then reads <c>Since(after)</c> and moves <c>after</c> past what it got. <see cref="Expect"/> gives a
/// task that completes when every reader has read one more change; <see cref="CaughtUpAsync"/> waits until every
/// reader has read up to a number, however many changes each <c>Since</c> returned.
/// </summary>
internal sealed class FeedReaders : IAsyncDisposable
{
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task[] readers;
    private readonly long[] readUpTo;
    private int remaining;
    private TaskCompletionSource allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts <paramref name="count"/> readers of the changes after <paramref name="after"/>.</summary>
    public FeedReaders(RemediationFeed feed, int count, long after)
    {
        readUpTo = new long[count];
        readers = [.. Enumerable.Range(0, count).Select(reader => Task.Run(() => ReadAsync(feed, reader, after)))];
    }

    /// <summary>Completes when each reader has read the next change (at once without readers).</summary>
    public Task Expect()
    {
        if (readers.Length == 0)
        {
            return Task.CompletedTask;
        }

        allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref remaining, readers.Length);
        return allRead.Task;
    }

    /// <summary>Completes when every reader has read the change numbered <paramref name="sequence"/> (polled every millisecond).</summary>
    public async Task CaughtUpAsync(long sequence)
    {
        while (!ReadUpTo(sequence))
        {
            await Task.Delay(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        stopped.TrySetResult();
        await Task.WhenAll(readers);
    }

    private bool ReadUpTo(long sequence)
    {
        for (var reader = 0; reader < readUpTo.Length; reader++)
        {
            if (Volatile.Read(ref readUpTo[reader]) < sequence)
            {
                return false;
            }
        }

        return true;
    }

    private async Task ReadAsync(RemediationFeed feed, int reader, long after)
    {
        while (true)
        {
            var (changes, next) = feed.Since(after);
            if (changes.Count > 0)
            {
                after = changes[^1].Sequence;
                Volatile.Write(ref readUpTo[reader], after);
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    allRead.TrySetResult();
                }
            }

            if (await Task.WhenAny(next, stopped.Task) == stopped.Task)
            {
                return;
            }
        }
    }
}
