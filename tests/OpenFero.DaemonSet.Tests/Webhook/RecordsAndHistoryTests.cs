using System.Text.Json;
using k8s;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class RecordsAndHistoryTests
{
    [Fact]
    public async Task Job_start_and_end_are_recorded_on_the_operarius_the_daemonset_and_in_the_history()
    {
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, _) => Task.FromResult(0));
        var server = await host.StartServerAsync();
        var cancel = TestContext.Current.CancellationToken;

        var job = (await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync())["alerts"]![0]!["job"]!.GetValue<string>();
        var status = await Eventually.ReachesAsync(async () =>
                ((JsonElement)await host.Client.CustomObjects.GetNamespacedCustomObjectAsync("openfero.io", "v1alpha1", "openfero", "operariuses", "openfero-daemonset-remediate", cancellationToken: cancel))
                .TryGetProperty("status", out var observed) ? observed : default,
            observed => observed.ValueKind == JsonValueKind.Object && observed.TryGetProperty("lastExecutionStatus", out var last) && last.GetString() == "Successful",
            $"the Operarius to record Job {job} as Successful", describe: observed => observed.ValueKind == JsonValueKind.Undefined ? "no status" : observed.GetRawText());
        var history = await Eventually.ReachesAsync(
            async () => JsonDocument.Parse(await server.GetStringAsync(new Uri("/api/remediations?daemonset=monitoring/node-exporter", UriKind.Relative), cancel)).RootElement,
            observed => observed.EnumerateArray().Any(r => r.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String),
            "the history to carry a record with a verdict", describe: observed => observed.GetRawText());

        var events = await host.Client.CoreV1.ListNamespacedEventAsync("monitoring", cancellationToken: cancel);

        Assert.Equal(1, status.GetProperty("executionCount").GetInt32());
        Assert.Equal(job, status.GetProperty("lastExecutedJobName").GetString());
        Assert.Equal("Successful", status.GetProperty("lastExecutionStatus").GetString());
        var started = Assert.Single(events.Items, e => e.Reason == "RemediationStarted");
        Assert.Equal("node-exporter", started.InvolvedObject.Name);
        Assert.Contains(job, started.Message, StringComparison.Ordinal);
        var record = Assert.Single(history.EnumerateArray());
        Assert.Equal(job, record.GetProperty("job").GetString());
        Assert.Equal("monitoring/node-exporter", record.GetProperty("target").GetString());
        Assert.Equal("succeeded", record.GetProperty("state").GetString());
        Assert.Equal("bf3f2cdae9d34948", record.GetProperty("fingerprint").GetString());
        Assert.Equal("1 old-revision pod cannot run: TerminatingTooLong on node-2", record.GetProperty("verdict").GetString());
        Assert.Contains(events.Items, e => e.Reason == "Analyzed" && e.Message.EndsWith("1 old-revision pod cannot run: TerminatingTooLong on node-2", StringComparison.Ordinal));
    }
}
