using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// Node by node: pods where the controller's rules say no pod belongs (misscheduled), eligible nodes where no daemon
/// pod runs or is placed and why (not scheduled; with no pod at all, the API server's refusal of the controller's
/// creates when its FailedCreate Events say so), eligible nodes whose only daemon pod is terminating (waiting for
/// the old pod to go), NotReady nodes that do have a daemon pod (for the verdict; the pod's row tells the rest), and
/// nodes left out on purpose with the rule that leaves them out.
/// </summary>
public static class PlacementAnalysis
{
    public const string AutoscalerTaint = "ToBeDeletedByClusterAutoscaler";

    public static Placement Analyze(DaemonSetSnapshot snapshot, IReadOnlyDictionary<string, (PodCondition Condition, string? Message)> podStates, DateTimeOffset now)
    {
        var refusal = CreationRefusals.Of(snapshot.FailedCreates, snapshot.DaemonSet, now);
        var byNode = DaemonPods.ByNode(snapshot.Pods);
        var others = snapshot.OtherPodsOnWaitingNodes.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName)).ToLookup(p => p.Spec.NodeName);
        var misscheduled = new List<MisscheduledPod>();
        var notScheduled = new List<UnscheduledNode>();
        var excluded = new List<ExcludedNode>();
        var waitingForOldPod = new List<NodeAwaitingOldPod>();
        var notReadyWithPod = new List<string>();
        foreach (var node in snapshot.Nodes)
        {
            var name = node.Metadata.Name;
            var placement = DaemonPodPlacement.Evaluate(node, snapshot.DaemonSet);
            var pods = byNode.TryGetValue(name, out var found) ? found : [];
            if (!placement.ShouldRun)
            {
                var (rule, detail) = Describe(placement.Rejection!);
                if (pods.Count == 0)
                {
                    excluded.Add(new ExcludedNode(name, rule, detail));
                }

                foreach (var pod in pods)
                {
                    var autoscaler = node.Spec?.Taints?.Any(t => t.Key == AutoscalerTaint) == true;
                    misscheduled.Add(new MisscheduledPod(pod.Metadata.Name, name, rule, detail, !placement.ShouldContinueRunning, autoscaler));
                }

                continue;
            }

            var live = pods.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            var waiting = live.FirstOrDefault(p => podStates[p.Metadata.Uid].Condition == PodCondition.Unschedulable);
            if (pods.Count > 0 && live.Count == 0)
            {
                var (condition, message) = podStates[pods[0].Metadata.Uid];
                waitingForOldPod.Add(new NodeAwaitingOldPod(name, pods[0].Metadata.Name, condition, message));
            }
            else if (live.Count == 0)
            {
                notScheduled.Add(WhyNoPod(node, refusal));
            }
            else if (waiting is not null)
            {
                notScheduled.Add(WhyPending(node, waiting, others[name]));
            }
            else if (!IsReady(node))
            {
                notReadyWithPod.Add(name);
            }
        }

        return new Placement(misscheduled, notScheduled, excluded, waitingForOldPod, notReadyWithPod);
    }

    private static UnscheduledNode WhyNoPod(V1Node node, CreationRefusal? refusal)
    {
        var name = node.Metadata.Name;
        if (!IsReady(node))
        {
            return new UnscheduledNode(name, UnscheduledReason.NodeNotReady, "node is NotReady", null);
        }

        // The Events do not name the node (the pod had only a generateName): a refusal explains every node left without a pod.
        if (refusal is not null)
        {
            var detail = $"the API server refuses its pod (FailedCreate x{refusal.Events}): {refusal.Message}";
            return new UnscheduledNode(name, UnscheduledReason.CreationRefused, detail, null) { Refusal = refusal };
        }

        return node.Spec?.Unschedulable == true
            ? new UnscheduledNode(name, UnscheduledReason.NodeUnschedulable, "node is cordoned (daemon pods tolerate it; the controller has not created one yet)", null)
            : new UnscheduledNode(name, UnscheduledReason.NoPodCreated, "no daemon pod exists for this node: the controller has not created it (see the DaemonSet's events)", null);
    }

    private static UnscheduledNode WhyPending(V1Node node, V1Pod pod, IEnumerable<V1Pod> others)
    {
        var message = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled")?.Message ?? "";
        var onNode = others.Where(p => p.Status?.Phase is not ("Succeeded" or "Failed")).ToList();
        foreach (var resource in new[] { "cpu", "memory" })
        {
            if (node.Status?.Allocatable?.TryGetValue(resource, out var allocatable) != true)
            {
                continue;
            }

            var used = onNode.Sum(p => Requested(p, resource));
            var wanted = Requested(pod, resource);
            if (used + wanted > allocatable!.ToDecimal())
            {
                return new UnscheduledNode(node.Metadata.Name, UnscheduledReason.InsufficientResources,
                    $"Insufficient {resource}: the pod requests {Format(wanted, resource)}, {Format(allocatable.ToDecimal() - used, resource)} of {Format(allocatable.ToDecimal(), resource)} allocatable is free",
                    pod.Metadata.Name);
            }
        }

        var ports = (pod.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).Where(p => p.HostPort > 0).Select(p => p.HostPort!.Value).ToHashSet();
        var clash = onNode.FirstOrDefault(p => (p.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).Any(port => port.HostPort is { } hostPort && ports.Contains(hostPort)));
        if (clash is not null)
        {
            return new UnscheduledNode(node.Metadata.Name, UnscheduledReason.HostPortTaken, $"host port already taken by {clash.Metadata.NamespaceProperty}/{clash.Metadata.Name}", pod.Metadata.Name);
        }

        return new UnscheduledNode(node.Metadata.Name, UnscheduledReason.Pending, message, pod.Metadata.Name);
    }

    private static (string Rule, string Detail) Describe(PlacementRejection rejection) => rejection switch
    {
        PlacementRejection.UntoleratedTaint taint => ("taint", $"untolerated taint {taint.Describe()}"),
        PlacementRejection.NodeSelector selector => ("nodeSelector", $"nodeSelector {selector.Key} does not match the node's labels"),
        PlacementRejection.NodeAffinity => ("nodeAffinity", "required node affinity does not match"),
        PlacementRejection.NodeName name => ("nodeName", $"the template pins node {name.Wanted}"),
        _ => (rejection.Rule, rejection.Rule),
    };

    private static bool IsReady(V1Node node) => node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static decimal Requested(V1Pod pod, string resource) =>
        pod.Spec?.Containers?.Sum(c => c.Resources?.Requests?.TryGetValue(resource, out var q) == true ? q.ToDecimal() : 0m) ?? 0m;

    private static string Format(decimal value, string resource) => resource == "cpu"
        ? $"{Math.Round(value * 1000)}m"
        : $"{Math.Round(value / (1024 * 1024))}Mi";
}

public sealed record Placement(
    IReadOnlyList<MisscheduledPod> Misscheduled,
    IReadOnlyList<UnscheduledNode> NotScheduled,
    IReadOnlyList<ExcludedNode> Excluded,
    IReadOnlyList<NodeAwaitingOldPod> WaitingForOldPod,
    IReadOnlyList<string> NotReadyNodesWithPod);
