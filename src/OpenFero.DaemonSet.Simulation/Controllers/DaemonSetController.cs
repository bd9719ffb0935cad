using k8s.Models;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// The DaemonSet controller: one pod on every node that should run one, misplaced pods removed, the rolling
/// update within its budget (<see cref="RollingUpdater"/>), revisions recorded and the status counted — with
/// Kubernetes' own rules from <c>OpenFero.DaemonSet.Semantics</c>. A pod create the API server refuses (a
/// ResourceQuota, admission) is a Warning <c>FailedCreate</c> Event on the DaemonSet (<see cref="PodCreations"/>), and
/// its node stays without a pod: <c>currentNumberScheduled</c> stays below <c>desiredNumberScheduled</c>.
/// </summary>
public sealed class DaemonSetController(ClusterStore store, TimeProvider time)
{
    private readonly PodCreations creations = new(store, time);
    private readonly FailedPodBackoff failedPods = new(time);

    public void Reconcile()
    {
        var nodes = store.List(ResourceTypes.Nodes).Select(n => n.As<V1Node>()).ToList();
        foreach (var stored in store.List(ResourceTypes.DaemonSets))
        {
            var daemonSet = stored.As<V1DaemonSet>();
            if (daemonSet.Metadata.DeletionTimestamp is null)
            {
                Reconcile(daemonSet, nodes);
            }
        }
    }

    private void Reconcile(V1DaemonSet daemonSet, List<V1Node> nodes)
    {
        // One view of the pods for the whole decision: the DaemonSet's own and those that take room on each node.
        // Two lists taken apart let a pod removed in between count as gone here and as holding its node's
        // ports there, and the replacement was then left unschedulable.
        var allPods = store.List(ResourceTypes.Pods).Select(p => p.As<V1Pod>()).ToList();
        var podsByNodeName = allPods.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName)).ToLookup(p => p.Spec.NodeName, StringComparer.Ordinal);
        var pods = allPods.Where(p => p.Metadata.NamespaceProperty == daemonSet.Metadata.NamespaceProperty && p.Metadata.IsOwnedBy(daemonSet.Metadata.Uid)).ToList();
        var hash = Revisions.Ensure(store, daemonSet);
        var generation = DaemonPods.TemplateGeneration(daemonSet);
        var byNode = DaemonPods.ByNode(pods);
        var desiredNodes = new List<V1Node>();
        var pass = creations.Begin(daemonSet);
        foreach (var node in nodes)
        {
            var placement = DaemonPodPlacement.Evaluate(node, daemonSet);
            var nodePods = byNode.TryGetValue(node.Metadata.Name, out var found) ? found : [];
            if (placement.ShouldRun)
            {
                desiredNodes.Add(node);
            }

            if (placement.ShouldRun && nodePods.Count == 0)
            {
                CreatePod(pass, daemonSet, node, hash, generation, podsByNodeName[node.Metadata.Name]);
            }
            else if (!placement.ShouldContinueRunning)
            {
                nodePods.Where(p => !DaemonPods.IsDeleting(p)).ToList().ForEach(p => store.TryDelete(ResourceTypes.Pods, p.Metadata));
            }
            else
            {
                ScheduleWaiting(node, nodePods, podsByNodeName[node.Metadata.Name]);
                RemoveFinishedAndDuplicates(daemonSet, nodePods);
            }
        }

        if (daemonSet.Spec.UpdateStrategy?.Type is null or "RollingUpdate")
        {
            var updater = new RollingUpdater(store, time, daemonSet, hash, generation);
            updater.Run(nodes, desiredNodes, byNode, node => CreatePod(pass, daemonSet, node, hash, generation, podsByNodeName[node.Metadata.Name]));
        }

        pass.End();

        WriteStatus(store.GetRequired(ResourceTypes.DaemonSets, daemonSet.Metadata.NamespaceProperty, daemonSet.Metadata.Name), nodes, hash);
    }

    /// <summary>The scheduler's retry: a daemon pod left unbound for lack of room is bound once its node has room.</summary>
    private void ScheduleWaiting(V1Node node, List<V1Pod> nodePods, IEnumerable<V1Pod> podsOnNode)
    {
        foreach (var waiting in nodePods.Where(p => string.IsNullOrEmpty(p.Spec?.NodeName) && !DaemonPods.IsDeleting(p)))
        {
            if (NodeFit.WhyNot(waiting, node, podsOnNode) is null && store.Get(ResourceTypes.Pods, waiting.Metadata.NamespaceProperty, waiting.Metadata.Name) is { } stored)
            {
                var bound = stored.ToMutable<V1Pod>();
                bound.Spec.NodeName = node.Metadata.Name;
                if (store.TryUpdate(ResourceTypes.Pods, bound)
                    && store.Get(ResourceTypes.Pods, bound.Metadata.NamespaceProperty, bound.Metadata.Name)?.ToMutable<V1Pod>() is { } scheduled)
                {
                    // Bound: the Unschedulable condition goes, and the node's kubelet starts it from Pending.
                    scheduled.Status = new V1PodStatus { Phase = "Pending" };
                    store.TryUpdateStatus(ResourceTypes.Pods, scheduled);
                }
            }
        }
    }

    private void CreatePod(PodCreations.Pass pass, V1DaemonSet daemonSet, V1Node node, string hash, long? generation, IEnumerable<V1Pod> podsOnNode)
    {
        var pod = DaemonPodFactory.Create(daemonSet, node.Metadata.Name, hash, generation);
        var now = time.GetUtcNow().UtcDateTime;
        if (NodeFit.WhyNot(pod, node, podsOnNode) is { } reason)
        {
            pod.Status = PodStatuses.Unschedulable(reason, now);
        }
        else
        {
            pod.Spec.NodeName = node.Metadata.Name;
        }

        pass.Create(pod);
    }

    private void RemoveFinishedAndDuplicates(V1DaemonSet daemonSet, List<V1Pod> nodePods)
    {
        var live = nodePods.Where(p => !DaemonPods.IsDeleting(p)).ToList();
        foreach (var finished in live.Where(p => DaemonPods.IsTerminal(p) && failedPods.MayReplace(daemonSet.Metadata.Uid, p.Spec?.NodeName)))
        {
            store.TryDelete(ResourceTypes.Pods, finished.Metadata);
        }

        var surge = UpdateBudget.Resolve(daemonSet, 1).MaxSurge;
        var running = DaemonPods.OldestFirst(live.Where(p => !DaemonPods.IsTerminal(p)));
        if (surge == 0 && running.Count > 1)
        {
            foreach (var extra in running.Skip(1))
            {
                store.TryDelete(ResourceTypes.Pods, extra.Metadata);
            }
        }
    }

    private void WriteStatus(StoredObject stored, List<V1Node> nodes, string hash)
    {
        var daemonSet = stored.ToMutable<V1DaemonSet>();
        var pods = store.List(ResourceTypes.Pods, daemonSet.Metadata.NamespaceProperty).Select(p => p.As<V1Pod>())
            .Where(p => p.Metadata.IsOwnedBy(daemonSet.Metadata.Uid)).ToList();
        var counts = DaemonSetStatusCalculator.Calculate(daemonSet, nodes, pods, hash, time.GetUtcNow());
        var status = new V1DaemonSetStatus
        {
            DesiredNumberScheduled = counts.DesiredNumberScheduled,
            CurrentNumberScheduled = counts.CurrentNumberScheduled,
            NumberReady = counts.NumberReady,
            NumberAvailable = counts.NumberAvailable == 0 ? null : counts.NumberAvailable,
            NumberUnavailable = counts.NumberUnavailable == 0 ? null : counts.NumberUnavailable,
            UpdatedNumberScheduled = counts.UpdatedNumberScheduled,
            NumberMisscheduled = counts.NumberMisscheduled,
            ObservedGeneration = daemonSet.Metadata.Generation,
        };
        if (k8s.KubernetesJson.Serialize(status) != k8s.KubernetesJson.Serialize(daemonSet.Status ?? new V1DaemonSetStatus()))
        {
            daemonSet.Status = status;
            store.TryUpdateStatus(ResourceTypes.DaemonSets, daemonSet);
        }
    }
}
