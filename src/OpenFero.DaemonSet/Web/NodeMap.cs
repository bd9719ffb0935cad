using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Web;

/// <summary>
/// The node map: each node's state for one DaemonSet, read off the analysis' report (its pods, misscheduled pods,
/// nodes not scheduled, nodes left out and nodes waiting for an old pod), so the placement rules live in one place.
/// Pure: a report and the cluster's node names in, cells out.
/// </summary>
public static class NodeMap
{
    /// <summary>The switches the map needs on, whatever the server's analysis settings: every node and every pod, no metrics.</summary>
    public static AnalysisOptions Options => new()
    {
        DaemonsetMisscheduledAnalysis = { Enabled = true, IncludeNodeInfo = true },
        DaemonsetPodAnalysis = { Enabled = true, IncludeResourceInfo = false },
        DaemonsetHealthAnalysis = { Enabled = false, IncludeMetrics = false },
    };

    public static NodeMapView Of(DaemonSetReport report, IEnumerable<string> nodes)
    {
        var cells = nodes.Order(StringComparer.Ordinal).Select(node => Classify(report, node)).ToList();
        var counts = Enum.GetValues<NodeState>().ToDictionary(s => s, s => cells.Count(c => c.State == s));
        return new NodeMapView(report.Namespace, report.Name, report.AnalyzedAt, counts, cells);
    }

    public static NodeCell Classify(DaemonSetReport report, string node)
    {
        if (report.Misscheduled.FirstOrDefault(m => m.Node == node) is { } misscheduled)
        {
            var fate = misscheduled.WillBeDeleted ? "the controller deletes it" : "the controller leaves it running";
            return new NodeCell(node, NodeState.Misscheduled, misscheduled.Pod, $"runs {misscheduled.Pod} though {misscheduled.Detail}; {fate}");
        }

        if (report.ExcludedNodes.FirstOrDefault(e => e.Node == node) is { } excluded)
        {
            return new NodeCell(node, NodeState.NotEligible, null, excluded.Detail);
        }

        if (report.NotScheduled.FirstOrDefault(n => n.Node == node) is { } unscheduled)
        {
            var state = unscheduled.Reason is UnscheduledReason.NoPodCreated or UnscheduledReason.NodeUnschedulable or UnscheduledReason.Pending
                ? NodeState.Pending
                : NodeState.Failing;
            return new NodeCell(node, state, unscheduled.Pod, unscheduled.Detail);
        }

        if (report.WaitingForOldPod.FirstOrDefault(w => w.Node == node) is { } waiting)
        {
            var stuck = PodClassifier.IsStuck(waiting.Condition);
            var why = waiting.Message is null ? waiting.Condition.ToString() : $"{waiting.Condition}: {waiting.Message}";
            return new NodeCell(node, stuck ? NodeState.Failing : NodeState.Pending, waiting.Pod, $"the new pod waits for the old pod {waiting.Pod} to go ({why})");
        }

        var pods = report.Pods.Where(p => p.Node == node).ToList();
        if ((pods.FirstOrDefault(p => !p.Terminating) ?? pods.FirstOrDefault()) is not { } pod)
        {
            return new NodeCell(node, NodeState.Pending, null, "no daemon pod yet");
        }

        return (pod.Condition, pod.Updated) switch
        {
            (var condition, _) when PodClassifier.IsStuck(condition) => new NodeCell(node, NodeState.Failing, pod.Name, Why(pod)),
            (_, false) => new NodeCell(node, NodeState.Old, pod.Name, $"old revision, {Why(pod)}"),
            (PodCondition.Healthy, true) => new NodeCell(node, NodeState.UpdatedAvailable, pod.Name, "current revision, ready"),
            _ => new NodeCell(node, NodeState.Pending, pod.Name, $"current revision, {Why(pod)}"),
        };
    }

    private static string Why(PodReport pod) => pod.Message is null ? pod.Status : $"{pod.Condition}: {pod.Message}";
}
