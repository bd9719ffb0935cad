using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// Reads what the analysis needs with paged lists and selectors — the DaemonSet, its pods by its selector, every
/// node once, its revisions, its pods' usage from metrics.k8s.io (one list by the same selector, when the pod
/// analysis asks for resource information), the other pods only on the few nodes where a daemon pod waits, and
/// the DaemonSet's FailedCreate Events (one list by field selector, only when a node that should run a daemon pod
/// has none: the API server may be refusing the controller's creates) — never one request per pod or per node:
/// ceil(pods/500) + ceil(nodes/500) + 3 (<see cref="KubernetesPaging.PageSize"/>), plus at most
/// <see cref="WaitingNodesRead"/>, plus one when a pod is missing.
/// </summary>
public sealed class DaemonSetSnapshotReader(IKubernetes client, IOptions<AnalysisOptions>? options = null, PrometheusTrendsReader? trends = null)
{
    public const int WaitingNodesRead = 3;

    private const string MetricsGroup = "metrics.k8s.io";
    private const string MetricsVersion = "v1beta1";

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

        var failedCreates = MissesAPod(daemonSet, pods, nodes)
            ? (await client.CoreV1.ListNamespacedEventAsync(target.Namespace,
                fieldSelector: $"involvedObject.uid={daemonSet.Metadata.Uid},reason={CreationRefusals.FailedCreate}", cancellationToken: cancellationToken)).Items
            : [];
        var (usage, unavailable) = (options?.Value ?? new AnalysisOptions()).DaemonsetPodAnalysis is { Enabled: true, IncludeResourceInfo: true }
            ? await UsageAsync(target.Namespace, selector, cancellationToken)
            : ([], null);
        var trendsRead = trends is null ? null : await trends.ReadAsync(target.Namespace, target.Name, cancellationToken);
        return new DaemonSetSnapshot(daemonSet, pods, nodes, others, hash, alertStartedAt)
        {
            Revisions = owned,
            Usage = usage,
            UsageUnavailable = unavailable,
            Trends = trendsRead,
            FailedCreates = [.. failedCreates],
        };
    }

    /// <summary>A node that should run a daemon pod and has none: the only case where the controller's creates matter.</summary>
    private static bool MissesAPod(V1DaemonSet daemonSet, List<V1Pod> pods, List<V1Node> nodes)
    {
        var placed = pods.Select(DaemonPods.TargetNodeName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return nodes.Any(n => !placed.Contains(n.Metadata.Name) && DaemonPodPlacement.Evaluate(n, daemonSet).ShouldRun);
    }

    /// <summary>
    /// The pods' PodMetrics, or why there are none: a cluster without metrics-server answers 404, one whose
    /// metrics-server is down 503 — the analysis goes on without usage, and says so.
    /// </summary>
    private async Task<(IReadOnlyList<PodMetrics> Usage, string? Unavailable)> UsageAsync(string ns, string selector, CancellationToken cancellationToken)
    {
        try
        {
            var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<PodMetricsList>(
                MetricsGroup, MetricsVersion, ns, "pods", labelSelector: selector, cancellationToken: cancellationToken);
            return ([.. list.Items ?? []], null);
        }
        catch (HttpOperationException error)
        {
            return ([], $"{MetricsGroup} answered {(int)error.Response.StatusCode} {error.Response.StatusCode}{StatusMessage(error.Response.Content)}");
        }
    }

    private static string StatusMessage(string? body)
    {
        try
        {
            return body is not null && JsonNode.Parse(body)?["message"]?.GetValue<string>() is { Length: > 0 } message ? $": {message}" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
