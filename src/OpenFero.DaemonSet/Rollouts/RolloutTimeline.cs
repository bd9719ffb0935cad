using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>One node's part of a rollout: its old pod deleted, the new one created, ready and available, and how long the node had no ready daemon pod.</summary>
public sealed record RolloutNodeRow(
    string Node,
    DateTimeOffset? OldPodDeleted,
    DateTimeOffset? NewPodCreated,
    DateTimeOffset? NewPodReady,
    DateTimeOffset? NewPodAvailable,
    TimeSpan? WithoutReadyPod);

/// <summary>The longest stretch without a step: where a rollout waited.</summary>
public sealed record RolloutGap(DateTimeOffset From, DateTimeOffset To, TimeSpan Length, string After);

/// <summary>Reading a rollout's steps as people want them: one row per node, and the gaps.</summary>
public static class RolloutTimeline
{
    /// <summary>One row per node, in the order the nodes' first step happened.</summary>
    public static IReadOnlyList<RolloutNodeRow> ByNode(IReadOnlyList<RolloutStep> steps) =>
        [.. steps
            .Where(s => s.Node is not null)
            .GroupBy(s => s.Node!, StringComparer.Ordinal)
            .Select(Row)
            .OrderBy(r => First(r) ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Node, StringComparer.Ordinal)];

    /// <summary>
    /// The longest time between one step and the next, or between the last step and <paramref name="now"/> while the
    /// rollout is not complete; null before two moments exist.
    /// </summary>
    public static RolloutGap? LongestGap(IReadOnlyList<RolloutStep> steps, DateTimeOffset now, bool complete)
    {
        var ordered = steps.OrderBy(s => s.At).ThenBy(s => s.Kind).ToList();
        var moments = ordered.Select(s => (s.At, Label: Describe(s))).ToList();
        if (!complete && moments.Count > 0)
        {
            moments.Add((now, "now"));
        }

        RolloutGap? longest = null;
        for (var i = 1; i < moments.Count; i++)
        {
            var length = moments[i].At - moments[i - 1].At;
            if (length > TimeSpan.Zero && (longest is null || length > longest.Length))
            {
                longest = new RolloutGap(moments[i - 1].At, moments[i].At, length, moments[i - 1].Label);
            }
        }

        return longest;
    }

    /// <summary>A step in a few words: "calico-node-abc12 ready on node-2".</summary>
    public static string Describe(RolloutStep step) => step.Kind switch
    {
        RolloutStepKind.RolloutStarted => "rollout started",
        RolloutStepKind.RolloutComplete => "rollout complete",
        RolloutStepKind.OldPodDeleted => $"old pod {step.Pod} deleted on {step.Node}",
        RolloutStepKind.NewPodCreated => $"new pod {step.Pod} created on {step.Node}",
        RolloutStepKind.NewPodReady => $"new pod {step.Pod} ready on {step.Node}",
        RolloutStepKind.NewPodAvailable => $"new pod {step.Pod} available on {step.Node}",
        _ => step.Kind.ToString(),
    };

    /// <summary>"3m10s" or "-" for a moment not reached.</summary>
    public static string Since(DateTimeOffset? start, DateTimeOffset? at) =>
        start is { } s && at is { } a ? "+" + HumanDuration.Format(a - s) : "-";

    private static RolloutNodeRow Row(IGrouping<string, RolloutStep> node)
    {
        DateTimeOffset? At(RolloutStepKind kind) => node.Where(s => s.Kind == kind).Select(s => (DateTimeOffset?)s.At).Max();
        var deleted = At(RolloutStepKind.OldPodDeleted);
        var ready = At(RolloutStepKind.NewPodReady);
        return new RolloutNodeRow(node.Key, deleted, At(RolloutStepKind.NewPodCreated), ready, At(RolloutStepKind.NewPodAvailable),
            deleted is { } d && ready is { } r && r >= d ? r - d : null);
    }

    private static DateTimeOffset? First(RolloutNodeRow row) =>
        new[] { row.OldPodDeleted, row.NewPodCreated, row.NewPodReady, row.NewPodAvailable }.Where(t => t is not null).Min();
}
