using k8s.Models;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// One pass of the DaemonSet rolling update (<c>update.go rollingUpdate</c>): delete-first within
/// maxUnavailable when maxSurge is 0, create-first within maxSurge otherwise. Unavailable old pods are
/// always replaced; deleting pods count as missing.
/// </summary>
public sealed class RollingUpdater(ClusterStore store, TimeProvider time, V1DaemonSet daemonSet, string hash, long? generation)
{
    private readonly int minReadySeconds = daemonSet.Spec.MinReadySeconds ?? 0;

    public void Run(IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Node> desiredNodes, IReadOnlyDictionary<string, List<V1Pod>> byNode, Action<V1Node> createPodOn)
    {
        var budget = UpdateBudget.Resolve(daemonSet, desiredNodes.Count);
        var desiredNames = desiredNodes.Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var considered = nodes.Where(n => desiredNames.Contains(n.Metadata.Name) || byNode.ContainsKey(n.Metadata.Name)).ToList();
        if (budget.MaxSurge == 0)
        {
            DeleteFirst(considered, byNode, budget.MaxUnavailable);
        }
        else
        {
            CreateFirst(considered, byNode, budget.MaxSurge, desiredNames, desiredNodes.Count, createPodOn);
        }
    }

    private void DeleteFirst(List<V1Node> nodes, IReadOnlyDictionary<string, List<V1Pod>> byNode, int maxUnavailable)
    {
        var unavailable = 0;
        var replace = new List<V1Pod>();
        var candidates = new List<V1Pod>();
        foreach (var node in nodes)
        {
            var (newPod, oldPod, ok) = Split(byNode, node);
            if (!ok || (newPod is null) == (oldPod is null))
            {
                unavailable++;
            }
            else if (newPod is not null)
            {
                unavailable += Available(newPod) ? 0 : 1;
            }
            else if (!Available(oldPod!))
            {
                replace.Add(oldPod!);
                unavailable++;
            }
            else if (unavailable < maxUnavailable)
            {
                candidates.Add(oldPod!);
            }
        }

        var remaining = Math.Clamp(maxUnavailable - unavailable, 0, candidates.Count);
        foreach (var pod in replace.Concat(candidates.Take(remaining)))
        {
            store.TryDelete(ResourceTypes.Pods, pod.Metadata);
        }
    }

    private void CreateFirst(List<V1Node> nodes, IReadOnlyDictionary<string, List<V1Pod>> byNode, int maxSurge,
        HashSet<string> desired, int desiredCount, Action<V1Node> createPodOn)
    {
        int surge = 0, available = 0;
        var allowedNew = new List<V1Node>();
        var candidateNew = new List<V1Node>();
        var notWanted = new List<V1Pod>();
        foreach (var node in nodes)
        {
            var (newPod, oldPod, ok) = Split(byNode, node);
            if (!ok)
            {
                surge++;
                continue;
            }

            available += (oldPod ?? newPod) is { } current && Available(current) ? 1 : 0;
            var shouldRun = desired.Contains(node.Metadata.Name);
            if (oldPod is null)
            {
                continue;
            }

            if (newPod is null)
            {
                if (!Available(oldPod))
                {
                    if (shouldRun)
                    {
                        allowedNew.Add(node);
                    }
                    else
                    {
                        store.TryDelete(ResourceTypes.Pods, oldPod.Metadata);
                    }
                }
                else if (!shouldRun)
                {
                    notWanted.Add(oldPod);
                }
                else if (surge < maxSurge)
                {
                    candidateNew.Add(node);
                }
            }
            else if (!Available(newPod))
            {
                surge++;
            }
            else
            {
                store.TryDelete(ResourceTypes.Pods, oldPod.Metadata);
            }
        }

        foreach (var pod in notWanted.Take(Math.Max(0, available - desiredCount)))
        {
            store.TryDelete(ResourceTypes.Pods, pod.Metadata);
        }

        var remainingSurge = Math.Clamp(maxSurge - surge, 0, candidateNew.Count);
        foreach (var node in allowedNew.Concat(candidateNew.Take(remainingSurge)))
        {
            createPodOn(node);
        }
    }

    /// <summary><c>findUpdatedPodsOnNode</c>: the node's one new and one old pod among those not being deleted.</summary>
    private (V1Pod? New, V1Pod? Old, bool Ok) Split(IReadOnlyDictionary<string, List<V1Pod>> byNode, V1Node node)
    {
        var live = byNode.TryGetValue(node.Metadata.Name, out var pods) ? pods.Where(p => !DaemonPods.IsDeleting(p)).ToList() : [];
        var updated = live.Where(p => DaemonPods.IsUpdated(p, hash, generation)).ToList();
        var old = live.Where(p => !DaemonPods.IsUpdated(p, hash, generation)).ToList();
        return (updated.FirstOrDefault(), old.FirstOrDefault(), updated.Count <= 1 && old.Count <= 1);
    }

    private bool Available(V1Pod pod) => DaemonPods.IsAvailable(pod, minReadySeconds, time.GetUtcNow());
}
