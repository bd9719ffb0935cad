using k8s;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Tests.Infrastructure;
using OpenFero.DaemonSet.Tests.Notifications;
using OpenFero.DaemonSet.Tests.Peers;

namespace OpenFero.DaemonSet.Tests.Approval;

/// <summary>
/// Declining is what the approval Event says it is, <c>kubectl delete job</c>, and the decline outlives the Job: in
/// the history, on the DaemonSet's Events, on the Operarius, in the metrics and as the end of the notifications'
/// message. Nothing ran, so no cooldown holds the next alert.
/// </summary>
public sealed class ApprovalDeclineTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_waiting_job_deleted_with_kubectl_is_declined_everywhere_and_the_next_alert_is_not_held_by_a_cooldown()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        await using var receiver = await NotificationReceiver.StartAsync();
        var server = await host.StartServerAsync("--Remediation:Approval", "Required",
            "--Notifications:Destinations:0:Type", "Slack", "--Notifications:Destinations:0:Url", receiver.Url("/services/T0/B0/decline"));
        var kubectl = new Kubectl(host.Kubeconfig);

        var (outcome, job, _) = await ApprovalWorld.AlertAsync(server);
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 1, "the start message");
        await kubectl.OutputAsync("delete", "job", job!, "-n", "openfero");
        var declined = await Eventually.ReachesAsync(() => world.EventsAsync("monitoring", OutcomeEvent.ApprovalDeclined), e => e.Count > 0, "the ApprovalDeclined Event on the DaemonSet");
        var history = await Eventually.ReachesAsync(() => HistoryOrNullAsync(server, job!), h => h is not null, $"Job {job} in the history");
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 2, "the end message");
        var end = string.Join("\n", PayloadShapes.SlackBlockKit(receiver.Requests[1].Json));
        var status = await host.Client.CustomObjects.GetNamespacedCustomObjectAsync<Operarius>(Operarius.Group, Operarius.Version, "openfero", Operarius.Plural, ApprovalWorld.Operarius, Cancel);
        var metrics = await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        var described = await kubectl.OutputAsync("describe", "daemonset", "node-exporter", "-n", "monitoring");
        var next = await ApprovalWorld.AlertAsync(server, Deliveries.RolloutStuckStartingAt("2026-11-22T23:38:45Z"));

        Assert.Equal("awaitingApproval", outcome);
        Assert.Equal("Normal", Assert.Single(declined).Type);
        Assert.Equal(("declined", "declined"), (history!["state"]!.GetValue<string>(), history["outcome"]!.GetValue<string>()));
        Assert.Equal($"declined: Job {job} was deleted before anyone approved it; nothing done", history["outcomeMessage"]!.GetValue<string>());
        Assert.Equal(("monitoring/node-exporter", "openfero"), (history["target"]!.GetValue<string>(), history["jobNamespace"]!.GetValue<string>()));
        Assert.Contains("Remediation of monitoring/node-exporter: declined", end, StringComparison.Ordinal);
        Assert.Equal(("Failed", "declined"), (status.Status?.LastExecutionStatus, status.Status?.LastExecutionOutcome));
        Assert.Contains("openfero_remediation_outcomes_total{outcome=\"declined\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("ApprovalDeclined", described, StringComparison.Ordinal);
        Assert.Equal("awaitingApproval", next.Outcome);
        Assert.Empty(await world.EventsAsync("monitoring", "StuckPodDeleted"));
    }

    [Fact]
    public async Task A_second_replica_sees_the_same_deletion_and_the_decline_is_recorded_and_counted_once()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        var first = await host.StartServerAsync("--Remediation:Approval", "Required");
        var second = await host.StartServerAsync("--Remediation:Approval", "Required");
        var kubectl = new Kubectl(host.Kubeconfig);

        var (_, job, _) = await ApprovalWorld.AlertAsync(first);
        await Eventually.HoldsAsync(async () => (await HistoryOrNullAsync(second, job!)) is not null, $"the second replica to see Job {job}");
        await kubectl.OutputAsync("delete", "job", job!, "-n", "openfero");
        await Eventually.HoldsAsync(async () => (await world.EventsAsync("monitoring", OutcomeEvent.ApprovalDeclined)).Count > 0, "the decline on the DaemonSet");
        var counted = await Eventually.ReachesAsync(async () => Declined(await first.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel))
            + Declined(await second.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel)), n => n > 0, "the decline to be counted");

        Assert.Equal(1, counted);
        Assert.Single(await world.EventsAsync("monitoring", OutcomeEvent.ApprovalDeclined));
        Assert.Single(await world.EventsAsync("openfero", OutcomeEvent.ApprovalDeclined));
    }

    private static int Declined(string metrics) =>
        metrics.Contains("openfero_remediation_outcomes_total{outcome=\"declined\"} 1", StringComparison.Ordinal) ? 1 : 0;

    private static async Task<System.Text.Json.Nodes.JsonNode?> HistoryOrNullAsync(HttpClient server, string job) =>
        System.Text.Json.Nodes.JsonNode.Parse(await server.GetStringAsync(new Uri("/api/remediations", UriKind.Relative), Cancel))!.AsArray()
            .SingleOrDefault(r => r!["job"]!.GetValue<string>() == job);
}
