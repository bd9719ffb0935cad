using System.Globalization;
using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// The remediations this replica started and still tells of, by their DaemonSet (one remediation per DaemonSet at a
/// time, so a DaemonSet names its Job), with the steps their runners were seen taking: the runner's Events on the
/// DaemonSet since the Job was created. One entry per DaemonSet at most: a new Job for it replaces the last.
/// </summary>
public sealed class FollowedRemediations
{
    /// <summary>The longest a step's line is kept: a plan's paragraph can be long, and the runner's summary tells it all at the end.</summary>
    public const int MaxStepLength = 600;

    /// <summary>Events that the message already tells by another transition: the start, and the verdict.</summary>
    private static readonly HashSet<string> ToldOtherwise = new(StringComparer.Ordinal) { "RemediationStarted", "Analyzed" };

    private readonly Lock gate = new();
    private readonly Dictionary<string, Followed> byDaemonSet = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return byDaemonSet.Count;
            }
        }
    }

    /// <summary>Starts following the Job of <paramref name="started"/>, created for <paramref name="target"/> at <paramref name="createdAt"/> (the API server's clock).</summary>
    public void Follow(DaemonSetTarget target, RemediationNotice started, DateTime createdAt)
    {
        lock (gate)
        {
            byDaemonSet[target.ToString()] = new Followed(target.ToString(), started.JobNamespace, started.Job, createdAt) { Told = started };
        }
    }

    /// <summary>Takes the notice as the latest told of its Job (its verdict); answers it with the steps seen so far (none when the Job is not followed here).</summary>
    public RemediationNotice Told(RemediationNotice notice)
    {
        lock (gate)
        {
            if (Find(notice.JobNamespace, notice.Job) is not { } followed)
            {
                return notice;
            }

            followed.Told = notice with { Steps = [.. followed.Steps] };
            return followed.Told;
        }
    }

    /// <summary>Stops following the Job; answers the steps that were seen.</summary>
    public IReadOnlyList<string> Forget(string jobNamespace, string job)
    {
        lock (gate)
        {
            if (Find(jobNamespace, job) is not { } followed)
            {
                return [];
            }

            byDaemonSet.Remove(followed.Key);
            return [.. followed.Steps];
        }
    }

    /// <summary>
    /// Takes note of an Event of this program's on a DaemonSet: when it is a step of a followed Job's run (made after
    /// the Job, not seen before, not told otherwise), answers the step's notice (the latest told, with every step seen
    /// so far, at <paramref name="now"/>); else null.
    /// </summary>
    public RemediationNotice? Saw(Corev1Event @event, DateTimeOffset now)
    {
        if (@event.InvolvedObject is not { Kind: "DaemonSet" } involved || ToldOtherwise.Contains(@event.Reason ?? ""))
        {
            return null;
        }

        var made = @event.Metadata?.CreationTimestamp ?? @event.EventTime ?? @event.LastTimestamp;
        var key = new DaemonSetTarget(involved.NamespaceProperty ?? "", involved.Name ?? "").ToString();
        lock (gate)
        {
            if (!byDaemonSet.TryGetValue(key, out var followed) || made is not { } at || at < followed.CreatedAt
                || !followed.Seen.Add(@event.Metadata?.Uid ?? @event.Metadata?.Name ?? ""))
            {
                return null;
            }

            followed.Steps.Add(Line(@event, at));
            return followed.Told with { Event = NoticeEvent.Step, Steps = [.. followed.Steps], At = now };
        }
    }

    /// <summary>A step as a person reads it: the time (UTC), the Event's reason and its message.</summary>
    private static string Line(Corev1Event @event, DateTime at) =>
        TextLimit.Cut(string.Create(CultureInfo.InvariantCulture, $"{at:HH:mm:ss} {@event.Reason}: {@event.Message}"), MaxStepLength);

    private Followed? Find(string jobNamespace, string job) =>
        byDaemonSet.Values.FirstOrDefault(f => f.Job == job && f.JobNamespace == jobNamespace);

    private sealed record Followed(string Key, string JobNamespace, string Job, DateTime CreatedAt)
    {
        public required RemediationNotice Told { get; set; }

        public List<string> Steps { get; } = [];

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    }
}
