namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// The PromQL the health trends ask, restricted to the DaemonSet's pods by kube-state-metrics' <c>kube_pod_owner</c>
/// (so one query serves 5 pods or 5000): restarts over the last hour, memory working set and memory limit, the share of
/// CFS periods throttled over 5 minutes, and the most pods unavailable over the last hour. Pure.
/// </summary>
public sealed record TrendQueries(string Restarts, string MemoryWorkingSet, string MemoryLimits, string CpuThrottling, string Unavailable)
{
    public const string Window = "1h";
    public const string RateWindow = "5m";

    public static TrendQueries For(string ns, string daemonSet)
    {
        var inNamespace = $"namespace=\"{Escape(ns)}\"";
        var owned = $"* on (namespace, pod) group_left () max by (namespace, pod) (kube_pod_owner{{{inNamespace},owner_kind=\"DaemonSet\",owner_name=\"{Escape(daemonSet)}\"}})";
        return new(
            $"sum by (pod, container) (increase(kube_pod_container_status_restarts_total{{{inNamespace}}}[{Window}]) {owned})",
            $"max by (pod, container) (container_memory_working_set_bytes{{{inNamespace},container!=\"\"}} {owned})",
            $"max by (pod, container) (kube_pod_container_resource_limits{{{inNamespace},resource=\"memory\"}} {owned})",
            $"max by (pod, container) ((rate(container_cpu_cfs_throttled_periods_total{{{inNamespace},container!=\"\"}}[{RateWindow}]) / rate(container_cpu_cfs_periods_total{{{inNamespace},container!=\"\"}}[{RateWindow}])) {owned})",
            $"max(max_over_time(kube_daemonset_status_number_unavailable{{{inNamespace},daemonset=\"{Escape(daemonSet)}\"}}[{Window}]))");
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}

/// <summary>What Prometheus answered to each of <see cref="TrendQueries"/>.</summary>
public sealed record TrendSamples(
    IReadOnlyList<PrometheusSample> Restarts,
    IReadOnlyList<PrometheusSample> MemoryWorkingSet,
    IReadOnlyList<PrometheusSample> MemoryLimits,
    IReadOnlyList<PrometheusSample> CpuThrottling,
    IReadOnlyList<PrometheusSample> Unavailable);

/// <summary>The trends' read: the samples, or why there are none (Prometheus unreachable, slow, or answering an error).</summary>
public abstract record TrendsRead
{
    public sealed record Measured(TrendSamples Samples) : TrendsRead;

    public sealed record Unavailable(string Reason) : TrendsRead;
}
