using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Playground;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>
/// The whole loop with real peers: Prometheus evaluates the real KubeDaemonSetRolloutStuck rule on the
/// simulated cluster's gauges, Alertmanager delivers it, the server starts the Job, the Job's pod remediates,
/// the DaemonSet rolls out, and the alert resolves.
/// </summary>
public sealed class EndToEndTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stuck_rollout_alert_is_remediated_and_resolves()
    {
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("openfero-e2e-").FullName, "kubeconfig");
        await using var playground = await PlaygroundSystem.StartAsync("stuck-rollout", kubeconfig, ["--urls", "http://127.0.0.1:0", "--Serilog:MinimumLevel:Default", "Warning"], Cancel);
        var server = new Uri(new Uri(playground.Server.Urls.First()), "/alerts");
        await using var alertmanager = await AlertmanagerProcess.StartAsync(server.ToString());
        await using var prometheus = await PrometheusProcess.StartAsync(playground.Cluster.BaseAddress, alertmanager.Address, PrometheusProcess.RolloutStuckRule("5s"));
        using var client = new k8s.Kubernetes(playground.Cluster.ClientConfiguration());

        await Eventually.HoldsAsync(async () => await prometheus.AlertStateAsync("KubeDaemonSetRolloutStuck", "node-exporter") == "firing",
            "Prometheus to fire KubeDaemonSetRolloutStuck for node-exporter", Bound);
        var job = await Eventually.ReachesAsync(async () => (await client.BatchV1.ListNamespacedJobAsync("openfero", cancellationToken: Cancel)).Items.FirstOrDefault(),
            job => job is not null, "the server to create a remediation Job", Bound);
        await Eventually.ReachesAsync(() => client.BatchV1.ReadNamespacedJobAsync(job!.Metadata.Name, "openfero", cancellationToken: Cancel), JobSucceeded,
            $"the remediation Job {job!.Metadata.Name} to succeed", Bound, describe: j => j.Status is null ? "no status" : k8s.KubernetesJson.Serialize(j.Status));
        var ds = await client.AppsV1.ReadNamespacedDaemonSetAsync("node-exporter", "monitoring", cancellationToken: Cancel);
        await Eventually.HoldsAsync(async () => await prometheus.AlertStateAsync("KubeDaemonSetRolloutStuck", "node-exporter") is null,
            "the alert to resolve", Bound);

        Assert.Equal((4, 4), (ds.Status.UpdatedNumberScheduled, ds.Status.NumberAvailable));
        Assert.Single((await client.BatchV1.ListNamespacedJobAsync("openfero", cancellationToken: Cancel)).Items);
    }

    private static bool JobSucceeded(V1Job job) => job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true;

}
