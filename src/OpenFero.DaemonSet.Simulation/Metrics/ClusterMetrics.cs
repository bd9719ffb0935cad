using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Metrics;

/// <summary>
/// The cluster's <c>/metrics</c>: what a Prometheus scraping kube-state-metrics and the kubelets' cAdvisor would
/// collect, in one scrape — DaemonSet status gauges, pod owners, restarts and limits, and containers' memory and cpu.
/// </summary>
public static class ClusterMetrics
{
    public static string Render(ClusterStore store, ResourceMetrics usage)
    {
        var text = new PrometheusText();
        KubeStateMetrics.Render(store, text);
        CadvisorMetrics.Render(store, usage, text);
        return text.ToString();
    }
}
