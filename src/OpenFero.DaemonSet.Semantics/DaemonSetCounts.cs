using k8s.Models;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>The DaemonSet status counters, as <c>updateDaemonSetStatus</c> computes them.</summary>
public sealed record DaemonSetCounts(
    int DesiredNumberScheduled,
    int CurrentNumberScheduled,
    int NumberReady,
    int NumberAvailable,
    int UpdatedNumberScheduled,
    int NumberMisscheduled)
{
    public int NumberUnavailable => DesiredNumberScheduled - NumberAvailable;
}

/// <summary>The DaemonSet controller's status counting over existing nodes and the oldest pod per node.</summary>
public static class DaemonSetStatusCalculator
{
    public static DaemonSetCounts Calculate(V1DaemonSet daemonSet, IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> pods,
        string? currentRevisionHash, DateTimeOffset now)
    {
        var byNode = DaemonPods.ByNode(pods);
        var minReadySeconds = daemonSet.Spec.MinReadySeconds ?? 0;
        var templateGeneration = DaemonPods.TemplateGeneration(daemonSet);
        int desired = 0, current = 0, ready = 0, available = 0, updated = 0, misscheduled = 0;
        foreach (var node in nodes)
        {
            var placement = DaemonPodPlacement.Evaluate(node, daemonSet);
            var scheduled = byNode.TryGetValue(node.Metadata.Name, out var nodePods) && nodePods.Count > 0;
            if (!placement.ShouldRun)
            {
                misscheduled += scheduled ? 1 : 0;
                continue;
            }

            desired++;
            if (!scheduled)
            {
                continue;
            }

            current++;
            var pod = DaemonPods.OldestFirst(nodePods!)[0];
            if (DaemonPods.IsReady(pod))
            {
                ready++;
                available += DaemonPods.IsAvailable(pod, minReadySeconds, now) ? 1 : 0;
            }

            updated += DaemonPods.IsUpdated(pod, currentRevisionHash, templateGeneration) ? 1 : 0;
        }

        return new DaemonSetCounts(desired, current, ready, available, updated, misscheduled);
    }
}
