using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Rollouts;

/// <summary>
/// No remediation while a rollout is progressing: the alert waits, and is remediated by the server itself once the
/// rollout stalls past the deadline; the rollout API and stream show the same model.
/// </summary>
public sealed class ProgressingAlertTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_alert_for_a_rollout_seen_moving_waits_and_gets_its_job_when_the_rollout_stalls()
    {
        await using var host = await ServerHost.StartClusterAsync(Scenario);
        var server = await host.StartServerAsync("--Analysis:DaemonsetRolloutMonitor:ProgressDeadline", "00:00:04");
        await RolloutAsync(server, r => (string?)r["state"] == "complete", "the scenario's rollout to complete");

        await StartBrokenRolloutAsync(host);
        await RolloutAsync(server, r => (string?)r["state"] == "progressing" && (bool?)r["movedWhileWatched"] == true, "the new rollout to be seen moving");
        var answer = await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync();

        var alert = answer["alerts"]![0]!;
        Assert.Equal("progressing", (string?)alert["outcome"]);
        Assert.Contains("the rollout of daemonset monitoring/node-exporter is progressing", (string?)alert["reason"], StringComparison.Ordinal);
        Assert.Empty(await host.JobsAsync());

        var stalled = await RolloutAsync(server, r => (string?)r["state"] == "stalled", "the rollout to stall past the 4s deadline");
        Assert.StartsWith("no pod updated or became available for ", (string?)stalled["reason"], StringComparison.Ordinal);
        var job = await Eventually.ReachesAsync(async () => (await host.JobsAsync()).SingleOrDefault(), j => j is not null, "the waiting alert's Job once the rollout stalled");
        Assert.Equal("node-exporter", job!.Metadata.Labels["openfero.io/daemonset"]);

        // Alertmanager delivering the same alert again is a duplicate of that Job.
        var again = await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync();
        Assert.Equal("deduplicated", (string?)again["alerts"]![0]!["outcome"]);
    }

    [Fact]
    public async Task The_rollout_is_served_as_json_as_text_and_as_a_stream_that_sends_each_change()
    {
        await using var host = await ServerHost.StartClusterAsync(Scenario);
        var server = await host.StartServerAsync();
        await RolloutAsync(server, r => (string?)r["state"] == "complete", "the scenario's rollout to complete");

        using var stream = await server.GetAsync(new Uri("/api/daemonsets/monitoring/node-exporter/rollout/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(Cancel));
        var first = await NextEventAsync(events);
        Assert.Equal("complete", (string?)first["state"]);

        await StartBrokenRolloutAsync(host);
        var started = await Eventually.ReachesAsync(() => NextEventAsync(events), e => e["startedAt"] is not null, "an event for the new rollout");
        Assert.Equal("progressing", (string?)started["state"]);

        var text = await Eventually.ReachesAsync(
            () => server.GetStringAsync(new Uri("/api/daemonsets/monitoring/node-exporter/rollout?format=text", UriKind.Relative), Cancel),
            t => t.Contains("NODE", StringComparison.Ordinal), "a node's first step in the text");
        Assert.Contains("DaemonSet:   monitoring/node-exporter", text, StringComparison.Ordinal);
        Assert.Matches(@"NODE\s+OLD POD DELETED\s+NEW POD CREATED\s+READY\s+AVAILABLE\s+WITHOUT A READY POD", text);
        var missing = await server.GetAsync(new Uri("/api/daemonsets/monitoring/nothing-here/rollout", UriKind.Relative), Cancel);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("daemonset monitoring/nothing-here is not watched", await missing.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var metrics = await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        Assert.Contains("openfero_daemonset_rollout_state{daemonset=\"node-exporter\",namespace=\"monitoring\",state=\"progressing\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("openfero_daemonset_rollout_pods_desired{daemonset=\"node-exporter\",namespace=\"monitoring\"} 4", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_monitor_off_a_moving_rollout_does_not_hold_the_alert_and_the_rollout_api_says_it_is_off()
    {
        await using var host = await ServerHost.StartClusterAsync(Scenario);
        var server = await host.StartServerAsync("--Analysis:DaemonsetRolloutMonitor:MonitorProgress", "false");
        await Eventually.ReachesAsync(
            async () => (await host.Client.AppsV1.ReadNamespacedDaemonSetAsync("node-exporter", "monitoring", cancellationToken: Cancel)).Status?.NumberAvailable,
            available => available == 4, "the scenario's rollout to complete");

        await StartBrokenRolloutAsync(host);
        var answer = await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync();

        Assert.Equal("jobCreated", (string?)answer["alerts"]![0]!["outcome"]);
        using var off = await server.GetAsync(new Uri("/api/daemonsets/monitoring/node-exporter/rollout", UriKind.Relative), Cancel);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, off.StatusCode);
        Assert.Contains("the rollout monitor is off", await off.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private static string Scenario => Path.Combine(RepositoryRoot.Path, "tests", "fixtures", "scenarios", "node-exporter-next-image-crashes.yaml");

    private static Task StartBrokenRolloutAsync(ServerHost host) =>
        host.Client.AppsV1.PatchNamespacedDaemonSetAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"node-exporter","image":"quay.io/prometheus/node-exporter:v1.9.0-broken"}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            "node-exporter", "monitoring", cancellationToken: Cancel);

    private static Task<JsonNode> RolloutAsync(HttpClient server, Func<JsonNode, bool> accept, string reason) =>
        Eventually.ReachesAsync(
            async () => JsonNode.Parse(await server.GetStringAsync(new Uri("/api/daemonsets/monitoring/node-exporter/rollout", UriKind.Relative), Cancel))!,
            accept,
            reason,
            describe: r => $"{r["state"]}: {r["reason"]}");

    /// <summary>The data of the next <c>rollout</c> event of the stream.</summary>
    private static async Task<JsonNode> NextEventAsync(StreamReader events)
    {
        string? type = null;
        while (await events.ReadLineAsync(Cancel) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == "rollout")
            {
                return JsonNode.Parse(line["data: ".Length..])!;
            }
        }

        throw new InvalidOperationException("the stream ended");
    }
}
