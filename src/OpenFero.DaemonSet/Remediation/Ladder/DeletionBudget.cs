using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The node-level budget of pod deletions: never more pods unavailable at once than the DaemonSet's own
/// maxUnavailable (at least 1, as the controller itself allows), counting those already unavailable. A pod that is
/// already unavailable (stuck) costs nothing to delete; an available one costs one, out of what the pods already
/// unavailable elsewhere leave. Each batch is replaced before the next, so the cost does not add up across batches.
/// </summary>
public static class DeletionBudget
{
    /// <summary>The pods that may be deleted, in batches of <c>BatchSize</c>; <c>Held</c> says why some (or all) were kept.</summary>
    public sealed record Allowance(IReadOnlyList<PodToDelete> Pods, int BatchSize, string? Held);

    public static Allowance Allow(DaemonSetReport report, IReadOnlyList<PodToDelete> pods)
    {
        var limit = Math.Max(1, report.Status?.ResolvedMaxUnavailable ?? 1);
        var deleting = pods.Select(p => p.Uid).ToHashSet(StringComparer.Ordinal);
        var unavailableElsewhere = report.Pods.Count(p => !deleting.Contains(p.Uid) && !Available(p.Condition));
        var left = limit - unavailableElsewhere;
        if (pods.All(p => !Available(p.Condition)))
        {
            return new Allowance(pods, limit, null);
        }

        if (left > 0)
        {
            return new Allowance(pods, left, null);
        }

        var free = pods.Where(p => !Available(p.Condition)).ToList();
        return new Allowance(free, limit,
            $"{pods.Count - free.Count} available pod(s) kept: {unavailableElsewhere} pod(s) already unavailable use the budget of maxUnavailable {limit}");
    }

    private static bool Available(PodCondition condition) => condition == PodCondition.Healthy;
}
