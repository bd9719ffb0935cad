using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// Reads what the analysis needs with paged lists and selectors — the DaemonSet, its pods by its selector, every
/// node once, its revisions, and the other pods only on the few nodes where a daemon pod waits — never one
/// request per pod or per node: ceil(pods/500) + ceil(nodes/500) + 2 (<see cref="KubernetesPaging.PageSize"/>), plus
/// at most <see cref="WaitingNodesRead"/>.
/// </summary>
public sealed class DaemonSetSnapshotReader(IKubernetes client)
{
    public const int WaitingNodesRead = 3;

    /// <summary>The snapshot, or null when the DaemonSet does not exist.</summary>
    public async Task<DaemonSetSnapshot?> ReadAsync(DaemonSetTarget target, DateTimeOffset? alertStartedAt, CancellationToken cancellationToken)
    {
        var daemonSet = await ReadOrNull.ReadAsync(() => client.AppsV1.ReadNamespacedDaemonSetAsync(target.Name, target.Namespace, cancellationToken: cancellationToken));
        if (daemonSet is null)
        {
            return null;
        }

        var selector = string.Join(",", (daemonSet.Spec.Selector?.MatchLabels ?? new Dictionary<string, string>()).Select(kv => $"{kv.Key}={kv.Value}"));
        var pods = await KubernetesPaging.ItemsAsync(
                next => client.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: selector, limit: KubernetesPaging.PageSize, continueParameter: next, cancellationToken: cancellationToken),
                l => l.Items)
            .Where(p => p.Metadata.OwnerReferences?.Any(o => o.Uid == daemonSet.Metadata.Uid) == true).ToListAsync(cancellationToken);
        var nodes = await KubernetesPaging.ItemsAsync(
                next => client.CoreV1.ListNodeAsync(limit: KubernetesPaging.PageSize, continueParameter: next, cancellationToken: cancellationToken),
                l => l.Items)
            .ToListAsync(cancellationToken);
        var revisions = await client.AppsV1.ListNamespacedControllerRevisionAsync(target.Namespace, labelSelector: selector, cancellationToken: cancellationToken);
        var owned = revisions.Items.Where(r => r.Metadata.OwnerReferences?.Any(o => o.Uid == daemonSet.Metadata.Uid) == true).ToList();
        var current = owned.OrderByDescending(r => r.Revision).FirstOrDefault();
        var hash = current?.Metadata.Labels?.TryGetValue(DaemonPods.RevisionHashLabel, out var h) == true ? h : null;

        var waitingNodes = pods.Where(p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False") == true)
            .Select(DaemonPods.TargetNodeName).OfType<string>().Distinct().Take(WaitingNodesRead).ToList();
        var others = new List<V1Pod>();
        foreach (var node in waitingNodes)
        {
            var onNode = await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"spec.nodeName={node}", cancellationToken: cancellationToken);
            others.AddRange(onNode.Items);
        }

        return new DaemonSetSnapshot(daemonSet, pods, nodes, others, hash, alertStartedAt) { Revisions = owned };
    }
}
