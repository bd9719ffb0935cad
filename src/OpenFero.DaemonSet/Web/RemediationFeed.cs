using System.Globalization;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.History;

namespace OpenFero.DaemonSet.Web;

/// <summary>
/// The remediation records as their Jobs change, numbered: the Job cache's list+watch (<see cref="JobWatcher"/>)
/// feeds it, and each stream reads what changed after the last number it sent. A number is only meaningful to the
/// process that gave it, so an event id carries this process' <see cref="Epoch"/> beside it; an id from another
/// replica or an earlier run gets the full current set. The records are kept in the order of their last change, so
/// a reader's <see cref="Since"/> costs what changed, not the size of the history. A Job deleted before it ended is
/// a record of how it ended (declined, deleted); one deleted after (its TTL) is a removal, as the history forgets it.
/// </summary>
public sealed class RemediationFeed
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<FeedChange>> byJob = new(StringComparer.Ordinal);
    private readonly LinkedList<FeedChange> inOrder = new();
    private long sequence;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A feed of the Job cache's remediation Jobs: every Job it holds now, then each one it sees change or go; waiting Jobs expire after <paramref name="approvalTimeout"/>.</summary>
    public static RemediationFeed Following(JobWatcher jobs, TimeSpan approvalTimeout)
    {
        var feed = new RemediationFeed();
        jobs.Changed += job => feed.Note(RemediationsApi.Record(job, approvalTimeout));
        jobs.Removed += job =>
        {
            if (RemediationsApi.DeletedRecord(job) is { } ended)
            {
                feed.Note(ended);
            }
            else
            {
                feed.Remove(job.Metadata.Name);
            }
        };
        foreach (var job in jobs.Jobs)
        {
            feed.Note(RemediationsApi.Record(job, approvalTimeout));
        }

        return feed;
    }

    /// <summary>Which process numbered the events: a short random word, new at every start.</summary>
    public string Epoch { get; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Takes note of a record; one equal to the last seen for its Job is no change.</summary>
    public void Note(RemediationRecord record)
    {
        lock (gate)
        {
            if (byJob.TryGetValue(record.Job, out var known) && !known.Value.Removed && known.Value.Record == record)
            {
                return;
            }

            Change(record.Job, new FeedChange(0, record));
        }
    }

    /// <summary>Takes note that a Job's record is gone; a stream tells its readers to drop it.</summary>
    public void Remove(string job)
    {
        lock (gate)
        {
            if (byJob.TryGetValue(job, out var known) && !known.Value.Removed)
            {
                Change(job, known.Value with { Removed = true });
            }
        }
    }

    /// <summary>
    /// The changes after <paramref name="after"/>, oldest first, and a task that completes at the next change. From 0
    /// (a reader that has nothing yet) they are the current records, without the removals.
    /// </summary>
    public (IReadOnlyList<FeedChange> Changes, Task Next) Since(long after)
    {
        lock (gate)
        {
            var changes = new List<FeedChange>();
            for (var node = inOrder.Last; node is not null && node.Value.Sequence > after; node = node.Previous)
            {
                if (after > 0 || !node.Value.Removed)
                {
                    changes.Add(node.Value);
                }
            }

            changes.Reverse();
            return (changes, changed.Task);
        }
    }

    /// <summary>The event id of a change: <c>epoch.sequence</c>.</summary>
    public string EventId(long changeSequence) => $"{Epoch}.{changeSequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Where a reconnecting stream resumes: after the number in its Last-Event-ID when this process gave it, else from the start.</summary>
    public long ResumeAfter(string? lastEventId)
    {
        var parts = lastEventId?.Split('.', 2);
        if (parts is not [var epoch, var number] || epoch != Epoch || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            return 0;
        }

        lock (gate)
        {
            return after <= sequence ? after : 0;
        }
    }

    /// <summary>Under the lock: numbers the change, moves the Job's entry to the end, and wakes the readers.</summary>
    private void Change(string job, FeedChange change)
    {
        if (byJob.Remove(job, out var old))
        {
            inOrder.Remove(old);
        }

        byJob[job] = inOrder.AddLast(change with { Sequence = ++sequence });
        var signal = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.TrySetResult();
    }
}

/// <summary>A record as it changed, numbered; <see cref="Removed"/> when its Job is gone from the history.</summary>
public sealed record FeedChange(long Sequence, RemediationRecord Record)
{
    public bool Removed { get; init; }
}
