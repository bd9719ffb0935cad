using System.Globalization;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>An Event about a DaemonSet reaches kubectl the ways operators look for it: describe, events --for, get events.</summary>
public sealed class KubectlEventsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_about_a_daemonset_shows_in_describe_and_in_events_for_the_daemonset()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "tainted-node", RunControllers = false }, Cancel);
        using var kubectl = new KubectlRunner(cluster);
        await CreateEventAsync(cluster, kubectl, "fluent-bit.remediated", "RemediationStarted", "openfero deleted 1 stuck pod");

        var describe = await kubectl.SucceedAsync("describe ds fluent-bit -n logging");
        var events = await kubectl.SucceedAsync("events --for daemonset/fluent-bit -n logging");

        var section = describe[describe.IndexOf("Events:", StringComparison.Ordinal)..];
        Assert.Contains("RemediationStarted", section, StringComparison.Ordinal);
        Assert.Contains("openfero deleted 1 stuck pod", section, StringComparison.Ordinal);
        Assert.Contains("RemediationStarted", events, StringComparison.Ordinal);
        Assert.Contains("DaemonSet/fluent-bit", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_events_prints_the_last_seen_age_type_reason_object_and_message()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "tainted-node", RunControllers = false }, Cancel);
        using var kubectl = new KubectlRunner(cluster);
        await CreateEventAsync(cluster, kubectl, "fluent-bit.aged", "RemediationStarted", "openfero deleted 1 stuck pod", TimeSpan.FromMinutes(20));

        var lines = (await kubectl.SucceedAsync("get events -n logging")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], Words(lines[0]));
        Assert.Contains(lines, line => Words(line) is ["20m", "Normal", "RemediationStarted", "daemonset/fluent-bit", "openfero", ..]);
    }

    private static async Task CreateEventAsync(SimulatedCluster cluster, KubectlRunner kubectl, string name, string reason, string message, TimeSpan? ago = null)
    {
        var uid = await kubectl.SucceedAsync("get ds fluent-bit -n logging -o jsonpath={.metadata.uid}");
        var at = (cluster.Time.GetUtcNow() - (ago ?? TimeSpan.Zero)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var manifest = Path.Combine(kubectl.Folder, name + ".yaml");
        await File.WriteAllTextAsync(manifest, $"""
            apiVersion: v1
            kind: Event
            metadata: {"{"}name: {name}, namespace: logging{"}"}
            involvedObject: {"{"}apiVersion: apps/v1, kind: DaemonSet, name: fluent-bit, namespace: logging, uid: {uid}{"}"}
            reason: {reason}
            message: {message}
            type: Normal
            source: {"{"}component: openfero-daemonset{"}"}
            firstTimestamp: "{at}"
            lastTimestamp: "{at}"
            count: 1
            """, Cancel);
        await kubectl.SucceedAsync($"create -f {manifest}");
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
