using System.Globalization;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// Prometheus' answers turned into the DaemonSet's trends — per pod's container: restarts in the last hour, memory
/// working set against its limit, the share of cpu periods throttled — and the recommendations where they matter. Pure.
/// </summary>
public static class HealthTrends
{
    public const int ThrottledPercent = 25;
    public const int RestartsLastHour = 3;

    private const double Mebibyte = 1024 * 1024;

    /// <summary>The trends of the pods the analysis sees (others Prometheus still remembers are left out), in the pods' order.</summary>
    public static TrendsReport Of(TrendSamples samples, IReadOnlyList<PodReport> pods)
    {
        var restarts = ByContainer(samples.Restarts);
        var workingSet = ByContainer(samples.MemoryWorkingSet);
        var limits = ByContainer(samples.MemoryLimits);
        var throttling = ByContainer(samples.CpuThrottling);
        var rows = pods.SelectMany(pod => restarts.Keys.Concat(workingSet.Keys).Concat(throttling.Keys)
                .Where(k => k.Pod == pod.Name).Select(k => k.Container).Distinct().Order(StringComparer.Ordinal)
                .Select(container => (Pod: pod, Key: (pod.Name, container))))
            .Select(row => new PodTrend(
                row.Pod.Name,
                row.Key.container,
                row.Pod.Node,
                restarts.TryGetValue(row.Key, out var r) ? (int)Math.Round(r) : null,
                workingSet.TryGetValue(row.Key, out var used) ? Memory(used) : null,
                limits.TryGetValue(row.Key, out var limit) && limit > 0 ? Memory(limit) : null,
                workingSet.ContainsKey(row.Key) && limit > 0 ? (int)Math.Floor(used * 100 / limit) : null,
                throttling.TryGetValue(row.Key, out var t) ? (int)Math.Round(t * 100) : null))
            .ToList();
        return new TrendsReport(rows, samples.Unavailable.Count == 0 ? null : (int)samples.Unavailable.Max(s => s.Value));
    }

    /// <summary>Throttled over <see cref="ThrottledPercent"/> %, at <see cref="ResourceUsage.NearLimitPercent"/> % of the memory limit or more, restarts over <see cref="RestartsLastHour"/> in the hour, pods unavailable in the hour.</summary>
    public static IReadOnlyList<HealthFinding> Findings(TrendsReport trends)
    {
        var findings = new List<HealthFinding>();
        var throttled = trends.Pods.Where(p => p.CpuThrottledPercent > ThrottledPercent).OrderByDescending(p => p.CpuThrottledPercent).ToList();
        if (throttled.Count > 0)
        {
            findings.Add(new("trend-cpu-throttled", Severity.Warning,
                $"{Count(throttled.Count)} throttled in more than {ThrottledPercent} % of cpu periods over {TrendQueries.RateWindow} (most: {throttled[0].Pod} at {throttled[0].CpuThrottledPercent} %)",
                "raise the cpu limit (or remove it and keep the request): a throttled agent falls behind on its node"));
        }

        var nearLimit = trends.Pods.Where(p => p.MemoryPercentOfLimit >= ResourceUsage.NearLimitPercent).OrderByDescending(p => p.MemoryPercentOfLimit).ToList();
        if (nearLimit.Count > 0)
        {
            findings.Add(new("trend-memory-oom-risk", Severity.Warning,
                $"{Count(nearLimit.Count)} at {ResourceUsage.NearLimitPercent} % or more of the memory limit (most: {nearLimit[0].Pod} at {nearLimit[0].MemoryPercentOfLimit} %, {nearLimit[0].MemoryWorkingSet} of {nearLimit[0].MemoryLimit})",
                "OOM risk: raise the memory limit, or find what grows; the kernel kills a container that reaches it"));
        }

        var restarting = trends.Pods.Where(p => p.RestartsLastHour > RestartsLastHour).OrderByDescending(p => p.RestartsLastHour).ToList();
        if (restarting.Count > 0)
        {
            findings.Add(new("trend-restarts", Severity.Warning,
                $"{Count(restarting.Count)} restarted more than {RestartsLastHour} times in the last hour (most: {restarting[0].Pod} {restarting[0].RestartsLastHour} times)",
                $"read the last run's logs (kubectl logs -n NS {restarting[0].Pod} -c {restarting[0].Container} --previous) and its termination reason"));
        }

        if (trends.MaxUnavailableLastHour > 0)
        {
            findings.Add(new("trend-unavailable", Severity.Info, $"up to {trends.MaxUnavailableLastHour} pod(s) were unavailable in the last hour",
                "a dip that comes back is a flapping agent or node: compare with the restarts and the nodes' conditions in that hour"));
        }

        return findings;
    }

    private static Dictionary<(string Pod, string Container), double> ByContainer(IReadOnlyList<PrometheusSample> samples) =>
        samples.GroupBy(s => (Pod: s.Label("pod"), Container: s.Label("container"))).ToDictionary(g => g.Key, g => g.Max(s => s.Value));

    private static string Memory(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(bytes / Mebibyte)}Mi");

    private static string Count(int pods) => pods == 1 ? "1 pod" : $"{pods} pods";
}

/// <summary>The health trends from Prometheus: one row per pod's container, and the most pods unavailable in the last hour.</summary>
public sealed record TrendsReport(IReadOnlyList<PodTrend> Pods, int? MaxUnavailableLastHour);

/// <summary>
/// A pod's container over time: restarts in the last hour, memory working set and limit (as <c>kubectl top</c> prints
/// them) and how much of the limit is used, and the percent of cpu periods throttled over 5 minutes; null where not measured.
/// </summary>
public sealed record PodTrend(
    string Pod,
    string Container,
    string? Node,
    int? RestartsLastHour,
    string? MemoryWorkingSet,
    string? MemoryLimit,
    int? MemoryPercentOfLimit,
    int? CpuThrottledPercent);
