using System.Text.Json.Nodes;
using k8s;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Tests.Dispatch;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Approval;

/// <summary>
/// A Job nobody approves within <c>Remediation:ApprovalTimeout</c> is deleted, and its outcome <c>expired</c> outlives
/// it: in the history, on the DaemonSet's Events, on the Operarius and in the metrics. Nothing ran, so no cooldown holds
/// the next alert. The server's wall clock is moved; its timers stay real.
/// </summary>
public sealed class ApprovalExpiryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unapproved_job_expires_after_the_timeout_is_deleted_and_its_expiry_is_recorded_everywhere()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        await using var server = await ClockedServer.StartAsync(host, "--Remediation:Approval", "Required", "--FollowUps:ResyncInterval", "00:00:00.200");
        var (_, job, _) = await ApprovalWorld.AlertAsync(server.Client);

        server.Clock.Advance(TimeSpan.FromMinutes(61));
        await Eventually.HoldsAsync(async () => await world.JobOrNullAsync(job!) is null, $"Job {job} to be deleted once its approval expired");
        var history = await ApprovalWorld.HistoryAsync(server.Client, job!);
        var expired = Assert.Single(await world.EventsAsync("monitoring", OutcomeEvent.ApprovalExpired));
        var status = await host.Client.CustomObjects.GetNamespacedCustomObjectAsync<Operarius>(Operarius.Group, Operarius.Version, "openfero", Operarius.Plural, ApprovalWorld.Operarius, Cancel);
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        var next = await ApprovalWorld.AlertAsync(server.Client, Deliveries.RolloutStuckStartingAt("2026-11-22T23:38:45Z"));

        Assert.Equal(("expired", "expired"), (history["state"]!.GetValue<string>(), history["outcome"]!.GetValue<string>()));
        Assert.Equal($"nobody approved Job {job} within Remediation:ApprovalTimeout (60m): deleted, nothing done", history["outcomeMessage"]!.GetValue<string>());
        Assert.Equal("monitoring/node-exporter", history["target"]!.GetValue<string>());
        Assert.Equal("Warning", expired.Type);
        Assert.Equal(("Failed", "expired"), (status.Status?.LastExecutionStatus, status.Status?.LastExecutionOutcome));
        Assert.Contains("openfero_remediation_outcomes_total{outcome=\"expired\"} 1", metrics, StringComparison.Ordinal);
        Assert.Equal("awaitingApproval", next.Outcome);
        Assert.Empty(await world.EventsAsync("monitoring", "StuckPodDeleted"));
    }

    [Fact]
    public async Task The_history_of_one_daemonset_lists_its_expired_job_and_not_those_of_others()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        await using var server = await ClockedServer.StartAsync(host, "--Remediation:Approval", "Required", "--FollowUps:ResyncInterval", "00:00:00.200");
        var (_, job, _) = await ApprovalWorld.AlertAsync(server.Client);

        server.Clock.Advance(TimeSpan.FromMinutes(61));
        await Eventually.HoldsAsync(async () => await world.JobOrNullAsync(job!) is null, $"Job {job} to be deleted once its approval expired");
        var mine = JsonNode.Parse(await server.Client.GetStringAsync(new Uri("/api/remediations?daemonset=monitoring/node-exporter", UriKind.Relative), Cancel))!.AsArray();
        var others = JsonNode.Parse(await server.Client.GetStringAsync(new Uri("/api/remediations?daemonset=logging/fluent-bit", UriKind.Relative), Cancel))!.AsArray();

        Assert.Equal(job, Assert.Single(mine)!["job"]!.GetValue<string>());
        Assert.Empty(others);
    }
}
