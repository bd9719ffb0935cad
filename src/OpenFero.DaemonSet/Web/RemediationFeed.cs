using System.Globalization;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.History;

namespace OpenFero.DaemonSet.Web;

/// <summary>
/// The remediation records as their Jobs change, numbered: the Job cache's list+watch (<see cref="JobWatcher"/>)
/// feeds it, and each stream reads what changed after the last number it sent. A number is only meaningful to the
/// process that gave it, so an event id carries this process' <see cref="Epoch"/> beside it; an id from another
/// replica or an earlier run gets the full current set.
/// </summary>
public sealed class RemediationFeed
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (long Sequence, RemediationRecord Record)> records = new(StringComparer.Ordinal);
    private long sequence;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A feed of the Job cache's remediation Jobs: every Job it holds now, then each one it sees change; waiting Jobs expire after <paramref name="approvalTimeout"/>.</summary>
    public static RemediationFeed Following(JobWatcher jobs, TimeSpan approvalTimeout)
    {
        var feed = new RemediationFeed();
        jobs.Changed += job => feed.Note(RemediationsApi.Record(job, approvalTimeout));
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
        TaskCompletionSource signal;
        lock (gate)
        {
            if (records.TryGetValue(record.Job, out var known) && known.Record == record)
            {
                return;
            }

            records[record.Job] = (++sequence, record);
            signal = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    /// <summary>The records changed after <paramref name="after"/> (all of them after 0), oldest change first, and a task that completes at the next change.</summary>
    public (IReadOnlyList<(long Sequence, RemediationRecord Record)> Changes, Task Next) Since(long after)
    {
        lock (gate)
        {
            return ([.. records.Values.Where(r => r.Sequence > after).OrderBy(r => r.Sequence)], changed.Task);
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
}
