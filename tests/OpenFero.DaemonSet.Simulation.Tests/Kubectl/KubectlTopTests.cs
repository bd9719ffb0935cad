using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>
/// kubectl top against the simulated metrics.k8s.io: a running pod uses 40 % of its cpu request and 75 % of its
/// memory request (node-exporter: 100m and 64Mi → 40m and 48Mi); a node, its pods plus 250m and 512Mi.
/// </summary>
public sealed class KubectlTopTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Top_pod_prints_a_row_per_running_pod_from_its_requests_and_filters_by_label()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, Cancel);
        using var kubectl = new KubectlRunner(cluster);

        var output = await Eventually.ReachesAsync(() => kubectl.SucceedAsync("top pod -n monitoring"), o => Rows(o).Length == 5, "a row per node-exporter pod");
        // The scenario's rollout may still replace a pod between the two calls: the selected list is awaited too.
        var selected = await Eventually.ReachesAsync(() => kubectl.SucceedAsync("top pod -n monitoring -l app.kubernetes.io/name=node-exporter"), o => Rows(o).Length == 5, "a row per selected pod");
        var none = await kubectl.RunAsync("top pod -n monitoring -l app.kubernetes.io/name=nothing");

        var rows = Rows(output);
        Assert.Equal(["NAME", "CPU(cores)", "MEMORY(bytes)"], Words(rows[0]));
        Assert.All(rows[1..], row => Assert.True(Words(row) is [var name, "40m", "48Mi"] && name.StartsWith("node-exporter-", StringComparison.Ordinal), row));
        Assert.Equal(5, Rows(selected).Length);
        Assert.DoesNotContain("node-exporter", none.Output + none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_node_prints_every_node_with_its_usage_and_share_of_allocatable()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, Cancel);
        using var kubectl = new KubectlRunner(cluster);
        await Eventually.ReachesAsync(() => kubectl.SucceedAsync("top pod -n monitoring"), o => Rows(o).Length == 5, "every node-exporter pod running");

        var rows = Rows(await kubectl.SucceedAsync("top node"));

        Assert.Equal(["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"], Words(rows[0]));
        Assert.Equal(["node-1", "node-2", "node-3", "node-4"], rows[1..].Select(r => Words(r)[0]).Order(StringComparer.Ordinal));
        Assert.All(rows[1..], row => Assert.Equal(["290m", "7%", "560Mi", "3%"], Words(row)[1..]));
    }

    [Fact]
    public async Task Without_the_metrics_api_kubectl_top_says_it_is_not_available()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy", MetricsApi = false }, Cancel);
        using var kubectl = new KubectlRunner(cluster);

        var (code, _, error) = await kubectl.RunAsync("top pod -n monitoring");

        Assert.NotEqual(0, code);
        Assert.Contains("Metrics API not available", error, StringComparison.Ordinal);
    }

    private static string[] Rows(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
