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

        var fired = await WaitUntilAsync(async () => await prometheus.AlertStateAsync("KubeDaemonSetRolloutStuck", "node-exporter") == "firing");
        var job = await WaitForAsync(async () => (await client.BatchV1.ListNamespacedJobAsync("openfero", cancellationToken: Cancel)).Items.FirstOrDefault());
        var succeeded = await WaitUntilAsync(async () => JobSucceeded(await client.BatchV1.ReadNamespacedJobAsync(job!.Metadata.Name, "openfero", cancellationToken: Cancel)));
        var ds = await client.AppsV1.ReadNamespacedDaemonSetAsync("node-exporter", "monitoring", cancellationToken: Cancel);
        var resolved = await WaitUntilAsync(async () => await prometheus.AlertStateAsync("KubeDaemonSetRolloutStuck", "node-exporter") is null);

        Assert.True(fired, prometheus.Output);
        Assert.NotNull(job);
        Assert.True(succeeded, "the remediation Job did not succeed");
        Assert.Equal((4, 4), (ds.Status.UpdatedNumberScheduled, ds.Status.NumberAvailable));
        Assert.True(resolved, "the alert did not resolve");
        Assert.Single((await client.BatchV1.ListNamespacedJobAsync("openfero", cancellationToken: Cancel)).Items);
    }

    private static bool JobSucceeded(V1Job job) => job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true;

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200, Cancel);
        }

        return false;
    }

    private static async Task<T?> WaitForAsync<T>(Func<Task<T?>> find) where T : class
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await find() is { } found)
            {
                return found;
            }

            await Task.Delay(200, Cancel);
        }

        return null;
    }
}
