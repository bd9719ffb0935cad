using System.Globalization;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>What kubectl shows of pods and nodes beyond their status: addresses and timestamps that could be real.</summary>
public sealed class KubectlPodDetailsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_pod_has_its_own_ip_a_host_network_pod_has_its_nodes_and_nodes_have_internal_ips()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, Cancel);
        using var kubectl = new KubectlRunner(cluster);
        cluster.JobHandlers.Register("example.com/remediate", (_, _) => Task.FromResult(0));
        await KubectlLogsTests.CreateJobAsync(kubectl, "demo", "example.com/remediate:1");
        await Eventually.ReachesAsync(() => kubectl.SucceedAsync("get job demo -n openfero -o jsonpath={.status.succeeded}"), s => s == "1", "the Job to succeed");

        var nodes = Items(await kubectl.SucceedAsync("get nodes -o json"));
        var pods = await Eventually.ReachesAsync(async () => Items(await kubectl.SucceedAsync("get pods -A -o json")),
            all => all.All(p => Str(p["status"]!["phase"]) is "Running" or "Succeeded"), "every pod to be running or done");

        var nodeIPs = nodes.ToDictionary(n => Str(n["metadata"]!["name"]), n => Str(((JsonArray)n["status"]!["addresses"]!).First(a => Str(a!["type"]) == "InternalIP")!["address"]));
        Assert.Equal(nodes.Count, nodeIPs.Values.Distinct().Count());
        Assert.All(pods, pod => Assert.True(nodeIPs[Str(pod["spec"]!["nodeName"])] == Str(pod["status"]!["hostIP"]), pod.ToJsonString()));
        var own = pods.Where(p => p["spec"]!["hostNetwork"]?.GetValue<bool>() != true).Select(p => Str(p["status"]!["podIP"])).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, ip => Assert.StartsWith("10.", ip, StringComparison.Ordinal));
        Assert.Equal(own.Count, own.Distinct().Count());
        Assert.All(pods.Where(p => p["spec"]!["hostNetwork"]?.GetValue<bool>() == true), p => Assert.Equal(Str(p["status"]!["hostIP"]), Str(p["status"]!["podIP"])));
        Assert.All(pods, p => Assert.Equal(Str(p["status"]!["podIP"]), Str(p["status"]!["podIPs"]![0]!["ip"])));
    }

    [Theory]
    [InlineData("pods")]
    [InlineData("daemonset node-exporter")]
    public async Task Describe_shows_the_probe_and_port_defaults_the_api_server_applied(string what)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy", RunControllers = false }, Cancel);
        using var kubectl = new KubectlRunner(cluster);

        var describe = await kubectl.SucceedAsync($"describe {what} -n monitoring");

        Assert.Contains("timeout=1s period=10s #success=1 #failure=3", describe, StringComparison.Ordinal);
        Assert.Contains("9100/TCP", describe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_stuck_terminating_was_created_before_its_deletion_was_requested()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "stuck-rollout", RunControllers = false }, Cancel);
        using var kubectl = new KubectlRunner(cluster);

        var pods = Items(await kubectl.SucceedAsync("get pods -A -o json"));

        var terminating = pods.Where(p => p["metadata"]!["deletionTimestamp"] is not null).ToList();
        Assert.NotEmpty(terminating);
        Assert.All(terminating, pod =>
        {
            var created = Time(pod["metadata"]!["creationTimestamp"]);
            var requested = Time(pod["metadata"]!["deletionTimestamp"]).AddSeconds(-pod["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
            Assert.True(created < requested, $"created {created:O}, deletion requested {requested:O}");
        });
    }

    private static List<JsonNode> Items(string list) => [.. ((JsonArray)JsonNode.Parse(list)!["items"]!).Select(i => i!)];

    private static string Str(JsonNode? node) => node?.GetValue<string>() ?? "";

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(Str(node), CultureInfo.InvariantCulture);
}
