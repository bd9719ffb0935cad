using k8s.Models;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// A DaemonSet's rollout as the API, the stream and the metrics show it: state and reason against the progress
/// deadline, counts, the timeline by node and step, and where it waited longest; whether it was seen moving (after a
/// restart, a rollout is only assumed progressing until the deadline). Times are UTC.
/// </summary>
public sealed record RolloutView(
    string Namespace,
    string Name,
    long? Revision,
    string Strategy,
    RolloutPhase State,
    string Reason,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    TimeSpan? Duration,
    int Desired,
    int Updated,
    int Available,
    int PodsWatched,
    DateTimeOffset LastProgressAt,
    TimeSpan ProgressDeadline,
    IReadOnlyList<RolloutNodeRow> Nodes,
    IReadOnlyList<string> NodesWaiting,
    RolloutGap? LongestGap,
    IReadOnlyList<RolloutStep> Steps,
    bool MovedWhileWatched,
    DateTimeOffset ObservedAt)
{
    /// <param name="nodes">The cluster's nodes, for the nodes whose turn has not come; none when not watched.</param>
    public static RolloutView Of(DaemonSetRollout rollout, DateTimeOffset now, TimeSpan deadline, IEnumerable<V1Node>? nodes = null)
    {
        var progress = rollout.Evaluate(now, deadline);
        var steps = rollout.Steps.OrderBy(s => s.At).ThenBy(s => s.Kind).ToList();
        return new RolloutView(
            rollout.Namespace,
            rollout.Name,
            rollout.Revision,
            rollout.Strategy,
            progress.State,
            progress.Reason,
            rollout.StartedAt,
            rollout.CompletedAt,
            rollout.StartedAt is { } started ? (rollout.CompletedAt ?? now) - started : null,
            rollout.Counts.Desired,
            rollout.Counts.Updated,
            rollout.Counts.Available,
            rollout.PodsWatched,
            progress.LastProgressAt,
            deadline,
            RolloutTimeline.ByNode(steps),
            rollout.NodesWaiting(nodes ?? []),
            RolloutTimeline.LongestGap(steps, now, rollout.IsComplete),
            steps,
            rollout.MovedWhileWatched,
            now);
    }
}
