using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>Which nodes of a deleted batch still lack an available replacement, and when to look again.</summary>
public sealed record ReplacementState(IReadOnlyList<string> Missing, DateTimeOffset? RecheckAt);

/// <summary>
/// A deleted pod is replaced when its node runs another pod of the DaemonSet that is not being deleted, is of the
/// current revision (under RollingUpdate; OnDelete puts the new template on a node only through a deletion anyway)
/// and is available: Ready for minReadySeconds, as the DaemonSet controller counts it.
/// </summary>
public static class Replacements
{
    public static ReplacementState Judge(V1DaemonSet daemonSet, string? revision, IEnumerable<V1Pod> pods, IReadOnlyCollection<string> nodes,
        IReadOnlySet<string> deletedUids, DateTimeOffset now)
    {
        var minReadySeconds = daemonSet.Spec.MinReadySeconds ?? 0;
        var rolling = (daemonSet.Spec.UpdateStrategy?.Type ?? "RollingUpdate") == "RollingUpdate";
        var generation = DaemonPods.TemplateGeneration(daemonSet);
        var candidates = pods
            .Where(p => p.Metadata.OwnerReferences?.Any(o => o.Uid == daemonSet.Metadata.Uid) == true)
            .Where(p => !deletedUids.Contains(p.Metadata.Uid) && !DaemonPods.IsDeleting(p) && !DaemonPods.IsTerminal(p))
            .Where(p => !rolling || DaemonPods.IsUpdated(p, revision, generation))
            .ToLookup(p => DaemonPods.TargetNodeName(p) ?? "", StringComparer.Ordinal);
        var missing = nodes.Where(n => !candidates[n].Any(p => DaemonPods.IsAvailable(p, minReadySeconds, now))).ToList();
        var recheck = missing.SelectMany(n => candidates[n]).Select(p => ReadySince(p)?.AddSeconds(minReadySeconds)).Where(at => at > now).Min();
        return new ReplacementState(missing, recheck);
    }

    private static DateTimeOffset? ReadySince(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status == "True")?.LastTransitionTime is { } since
            ? new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc))
            : null;
}
