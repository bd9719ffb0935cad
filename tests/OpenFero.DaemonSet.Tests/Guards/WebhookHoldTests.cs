using System.Net;
using OpenFero.DaemonSet.Tests.Dispatch;
using OpenFero.DaemonSet.Tests.Infrastructure;
using OpenFero.DaemonSet.Tests.Peers;

namespace OpenFero.DaemonSet.Tests.Guards;

/// <summary>
/// The hold in the server's answer: with <c>Alertmanager:Url</c> set, a rollout-stuck alert for a DaemonSet on a node
/// Debian's real Alertmanager 0.25 reports NotReady is answered <c>held</c>, with no Job, and counted; once the node
/// alert resolves, the next delivery gets its Job.
/// </summary>
public sealed class WebhookHoldTests
{
    private const string Fixture = "kube-daemonset-rollout-stuck.firing.json";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rollout_stuck_alert_is_held_without_a_job_while_one_of_its_nodes_is_not_ready()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await using var alertmanager = await AlertmanagerProcess.StartAsync($"http://127.0.0.1:{PeerBinary.FreePort()}/alerts");
        var notReady = new Dictionary<string, string> { ["alertname"] = "KubeNodeNotReady", ["node"] = "node-3", ["namespace"] = "monitoring" };
        var startsAt = host.Cluster.Time.GetUtcNow() - TimeSpan.FromMinutes(5);
        await alertmanager.PostAlertAsync(notReady, startsAt);
        var server = await host.StartServerAsync("--Alertmanager:Url", alertmanager.Address.ToString());

        var answer = await server.PostFixtureAsync(Fixture);
        var alert = await answer.FirstAlertAsync();

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("held", alert["outcome"]!.GetValue<string>());
        Assert.StartsWith("KubeNodeNotReady (node node-3) firing: held while the cluster is unwell", alert["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await host.JobsAsync());
        Assert.Contains("openfero_alerts_received_total{outcome=\"held\"} 1", await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel), StringComparison.Ordinal);

        await alertmanager.PostAlertAsync(notReady, startsAt, endsAt: host.Cluster.Time.GetUtcNow() - TimeSpan.FromSeconds(1));

        Assert.Equal("jobCreated", await (await server.PostFixtureAsync(Fixture)).OutcomeAsync());
        Assert.Single(await host.JobsAsync());
    }
}
