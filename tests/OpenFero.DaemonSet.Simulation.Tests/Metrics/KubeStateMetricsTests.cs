using OpenFero.DaemonSet.Simulation.Metrics;
using OpenFero.DaemonSet.Simulation.Tests.Controllers;

namespace OpenFero.DaemonSet.Simulation.Tests.Metrics;

public sealed class KubeStateMetricsTests
{
    [Fact]
    public async Task Gauges_mirror_the_daemonset_status_with_namespace_and_daemonset_labels()
    {
        await using var run = new ScenarioRun("stuck-rollout");
        run.RunFor(TimeSpan.FromSeconds(5));

        var text = KubeStateMetrics.Render(run.Store);

        Assert.Contains("# TYPE kube_daemonset_status_desired_number_scheduled gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("kube_daemonset_status_desired_number_scheduled{namespace=\"monitoring\",daemonset=\"node-exporter\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("kube_daemonset_status_updated_number_scheduled{namespace=\"monitoring\",daemonset=\"node-exporter\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("kube_daemonset_status_current_number_scheduled{namespace=\"monitoring\",daemonset=\"node-exporter\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("kube_daemonset_metadata_generation{namespace=\"monitoring\",daemonset=\"node-exporter\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("kube_daemonset_status_observed_generation{namespace=\"monitoring\",daemonset=\"node-exporter\"} 2\n", text, StringComparison.Ordinal);
    }
}
