using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Rollouts;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Rollouts;

/// <summary>
/// The cluster's own changes run the workflows, as configured: a rollout starting, stalling and completing, and the
/// controller's FailedCreate Events; a trigger switched off runs nothing.
/// </summary>
public sealed class WorkflowTriggerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rollout_started_and_completed_runs_the_workflows_once_each_and_a_switched_off_trigger_none()
    {
        await using var host = await ServerHost.StartClusterAsync("healthy");
        var server = await host.StartServerAsync("--Workflows:Triggers:RolloutStarted", "false");
        await Eventually.ReachesAsync(() => RunsAsync(server, "rolloutCompleted"), n => n == 1, "the scenario's rollout, seen in progress, to run the workflows as it completes");

        await host.Client.AppsV1.PatchNamespacedDaemonSetAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"node-exporter","image":"quay.io/prometheus/node-exporter:v1.9.0"}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            "node-exporter", "monitoring", cancellationToken: Cancel);

        await Eventually.ReachesAsync(() => RunsAsync(server, "rolloutCompleted"), n => n == 2, "the new rollout to run the workflows as it completes");
        Assert.Equal(0, await RunsAsync(server, "rolloutStarted"));
        Assert.Equal(0, await RunsAsync(server, "rolloutProgressed"));
    }

    [Fact]
    public async Task A_failed_create_event_on_a_daemonset_runs_its_workflows_and_one_from_before_the_start_does_not()
    {
        await using var host = await ServerHost.StartClusterAsync("stuck-rollout");
        await CreateFailedCreateAsync(host, "before");
        var server = await host.StartServerAsync();
        await Eventually.ReachesAsync(
            async () => (await server.GetAsync(new Uri("/api/daemonsets/monitoring/node-exporter/rollout", UriKind.Relative), Cancel)).IsSuccessStatusCode,
            ok => ok, "the DaemonSet to be watched");

        await CreateFailedCreateAsync(host, "after");

        await Eventually.ReachesAsync(() => RunsAsync(server, "failedCreate"), n => n == 1, "the FailedCreate Event to run the workflows");
        Assert.Equal("failedCreate", TriggeredAnalyses.TriggerName(RolloutTrigger.FailedCreate));
    }

    /// <summary>The Event the DaemonSet controller writes when the API server refuses a pod.</summary>
    private static async Task CreateFailedCreateAsync(ServerHost host, string suffix)
    {
        var daemonSet = await host.Client.AppsV1.ReadNamespacedDaemonSetAsync("node-exporter", "monitoring", cancellationToken: Cancel);
        await host.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"node-exporter.failedcreate-{suffix}", NamespaceProperty = "monitoring" },
            InvolvedObject = new V1ObjectReference
            {
                Kind = "DaemonSet",
                ApiVersion = "apps/v1",
                Name = "node-exporter",
                NamespaceProperty = "monitoring",
                Uid = daemonSet.Metadata.Uid,
            },
            Reason = "FailedCreate",
            Type = "Warning",
            Message = "Error creating: pods \"node-exporter-x2v8q\" is forbidden: exceeded quota: pods-limit, requested: pods=1, used: pods=4, limited: pods=4",
            Source = new V1EventSource { Component = "daemonset-controller" },
            Count = 1,
        }, "monitoring", cancellationToken: Cancel);
    }

    private static async Task<int> RunsAsync(HttpClient server, string trigger)
    {
        var metrics = await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith($"openfero_workflow_runs_total{{trigger=\"{trigger}\"}} ", StringComparison.Ordinal));
        return line is null ? 0 : (int)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
