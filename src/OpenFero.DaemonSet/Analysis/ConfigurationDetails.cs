using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>The DaemonSet's configuration as <see cref="DaemonSetDetails"/>, from its spec and its revisions. Pure.</summary>
public static class ConfigurationDetails
{
    public static DaemonSetDetails Of(V1DaemonSet ds, IReadOnlyList<V1ControllerRevision> revisions, string? currentHash, DateTimeOffset now)
    {
        var pod = ds.Spec.Template?.Spec ?? new V1PodSpec();
        var containers = (pod.InitContainers ?? []).Select(c => new ContainerImage(c.Name, c.Image ?? "", Init: true))
            .Concat((pod.Containers ?? []).Select(c => new ContainerImage(c.Name, c.Image ?? "", Init: false)))
            .ToList();
        var strategy = ds.Spec.UpdateStrategy;
        return new DaemonSetDetails(
            containers,
            new UpdateStrategyDetails(strategy?.Type ?? "RollingUpdate", strategy?.RollingUpdate?.MaxUnavailable?.Value, strategy?.RollingUpdate?.MaxSurge?.Value),
            PlacementText.Selector(ds.Spec.Selector),
            pod.NodeSelector is { Count: > 0 } nodeSelector
                ? string.Join(",", nodeSelector.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
                : null,
            PlacementText.RequiredNodeAffinity(pod.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution),
            [.. (pod.Tolerations ?? []).Select(PlacementText.Toleration)],
            pod.PriorityClassName,
            pod.HostNetwork == true,
            [.. (pod.InitContainers ?? []).Concat(pod.Containers ?? [])
                .SelectMany(c => (c.Ports ?? []).Where(p => p.HostPort is > 0).Select(p => new HostPortDetail(c.Name, p.HostPort!.Value, p.Protocol ?? "TCP")))],
            [.. revisions.OrderByDescending(r => r.Revision).Select(r => Revision(r, currentHash, now))]);
    }

    private static RevisionDetail Revision(V1ControllerRevision revision, string? currentHash, DateTimeOffset now)
    {
        // The revision's data is the template as a patch: {"spec":{"template":{…}}}.
        var spec = JsonNode.Parse(KubernetesJson.Serialize(revision.Data))?["spec"]?["template"]?["spec"];
        var images = new[] { "initContainers", "containers" }
            .SelectMany(list => spec?[list] as JsonArray ?? [])
            .Select(c => c?["image"]?.GetValue<string>()).OfType<string>().ToList();
        var hash = revision.Metadata.Labels?.TryGetValue(DaemonPods.RevisionHashLabel, out var h) == true ? h : null;
        var age = revision.Metadata.CreationTimestamp is { } created ? now - new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : TimeSpan.Zero;
        return new RevisionDetail(revision.Revision ?? 0, revision.Metadata.Name, images, age, hash is not null && hash == currentHash);
    }
}
