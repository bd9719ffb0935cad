using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>
/// Real Prometheus, the mixin's KubeDaemonSetNotScheduled expression, the simulated cluster's kube-state-metrics
/// gauges: a ResourceQuota that refuses the daemon pod for one node makes the alert fire with the number of pods
/// missing, as it would in a real cluster.
/// </summary>
public sealed class NotScheduledAlertTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_quota_that_refuses_one_daemon_pod_fires_KubeDaemonSetNotScheduled_for_one_pod()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "quota-exhausted" }, Cancel);
        var nowhere = new Uri($"http://127.0.0.1:{PeerBinary.FreePort()}/");
        await using var prometheus = await PrometheusProcess.StartAsync(cluster.BaseAddress, nowhere, PrometheusProcess.NotScheduledRule("5s"));

        await Eventually.HoldsAsync(async () => await prometheus.AlertStateAsync("KubeDaemonSetNotScheduled", "promtail") == "firing",
            "Prometheus to fire KubeDaemonSetNotScheduled for promtail", Bound);
        var alert = await prometheus.AlertAsync("KubeDaemonSetNotScheduled", "promtail");

        Assert.Equal(("logging", "kube-state-metrics"), (alert!["labels"]!["namespace"]!.GetValue<string>(), alert["labels"]!["job"]!.GetValue<string>()));
        Assert.Equal("1 Pods of DaemonSet logging/promtail are not scheduled.", alert["annotations"]!["description"]!.GetValue<string>());
    }
}
