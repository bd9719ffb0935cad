using System.Globalization;
using k8s.Models;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>Facts about daemon pods as the DaemonSet controller reads them.</summary>
public static class DaemonPods
{
    public const string RevisionHashLabel = "controller-revision-hash";
    public const string TemplateGenerationLabel = "pod-template-generation";
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    /// <summary><c>GetTargetNodeName</c>: spec.nodeName, else the node its <c>metadata.name In [node]</c> affinity pins.</summary>
    public static string? TargetNodeName(V1Pod pod)
    {
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            return pod.Spec.NodeName;
        }

        var fields = pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms?
            .SelectMany(t => t.MatchFields ?? [])
            .FirstOrDefault(f => f.Key == "metadata.name" && f.OperatorProperty == "In" && f.Values?.Count == 1);
        return fields?.Values[0];
    }

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary><c>IsPodAvailable</c>: ready, and ready for at least minReadySeconds.</summary>
    public static bool IsAvailable(V1Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status == "True");
        if (ready is null)
        {
            return false;
        }

        return minReadySeconds == 0 ||
            (ready.LastTransitionTime is { } since && new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)).AddSeconds(minReadySeconds) <= now);
    }

    public static bool IsTerminal(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    public static bool IsDeleting(V1Pod pod) => pod.Metadata?.DeletionTimestamp is not null;

    /// <summary>The DaemonSet's <c>deprecated.daemonset.template.generation</c> annotation, when present and numeric.</summary>
    public static long? TemplateGeneration(V1DaemonSet daemonSet) =>
        daemonSet.Metadata?.Annotations?.TryGetValue(TemplateGenerationAnnotation, out var text) == true &&
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation)
            ? generation
            : null;

    /// <summary><c>IsPodUpdated</c>: the revision hash matches, or the template generation label matches.</summary>
    public static bool IsUpdated(V1Pod pod, string? currentRevisionHash, long? templateGeneration)
    {
        var labels = pod.Metadata?.Labels;
        var templateMatches = templateGeneration is { } generation && labels?.TryGetValue(TemplateGenerationLabel, out var g) == true &&
            g == generation.ToString(CultureInfo.InvariantCulture);
        var hashMatches = !string.IsNullOrEmpty(currentRevisionHash) && labels?.TryGetValue(RevisionHashLabel, out var h) == true && h == currentRevisionHash;
        return hashMatches || templateMatches;
    }

    /// <summary>A node's daemon pods, oldest first: scheduled before unscheduled, then creation time, then name.</summary>
    public static IReadOnlyList<V1Pod> OldestFirst(IEnumerable<V1Pod> pods) =>
        [.. pods.OrderBy(p => string.IsNullOrEmpty(p.Spec?.NodeName) ? 1 : 0)
            .ThenBy(p => p.Metadata?.CreationTimestamp ?? DateTime.MaxValue)
            .ThenBy(p => p.Metadata?.Name, StringComparer.Ordinal)];

    /// <summary>
    /// <c>getNodesToDaemonPods</c>: the DaemonSet's pods by target node, terminal pods that are being deleted left out.
    /// </summary>
    public static IReadOnlyDictionary<string, List<V1Pod>> ByNode(IEnumerable<V1Pod> pods)
    {
        var byNode = new Dictionary<string, List<V1Pod>>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if ((IsTerminal(pod) && IsDeleting(pod)) || TargetNodeName(pod) is not { } node)
            {
                continue;
            }

            if (!byNode.TryGetValue(node, out var list))
            {
                list = [];
                byNode[node] = list;
            }

            list.Add(pod);
        }

        return byNode;
    }
}
