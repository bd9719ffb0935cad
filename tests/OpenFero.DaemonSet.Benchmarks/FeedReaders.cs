using OpenFero.DaemonSet.Web;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// Readers of a <see cref="RemediationFeed"/> as the remediation stream reads it: each awaits the task of its last
/// <c>Since</c>, then reads <c>Since(after)</c> and moves <c>after</c> past what it got. <see cref="Expect"/> gives a
/// task that completes when every reader has read one more change.
/// </summary>
internal sealed class FeedReaders : IAsyncDisposable
{
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task[] readers;
    private int remaining;
    private TaskCompletionSource allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts <paramref name="count"/> readers of the changes after <paramref name="after"/>.</summary>
    public FeedReaders(RemediationFeed feed, int count, long after)
    {
        readers = [.. Enumerable.Range(0, count).Select(_ => Task.Run(() => ReadAsync(feed, after)))];
    }

    public int Count => readers.Length;

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

    public async ValueTask DisposeAsync()
    {
        stopped.TrySetResult();
        await Task.WhenAll(readers);
    }

    private async Task ReadAsync(RemediationFeed feed, long after)
    {
        while (true)
        {
            var (changes, next) = feed.Since(after);
            if (changes.Count > 0)
            {
                after = changes[^1].Sequence;
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
