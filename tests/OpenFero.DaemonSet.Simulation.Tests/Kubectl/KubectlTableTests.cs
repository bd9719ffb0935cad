using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>kubectl asks for Tables and prints the server's columns: the ones operators read a DaemonSet by.</summary>
public sealed class KubectlTableTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_daemonsets_prints_desired_current_ready_up_to_date_and_available()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "tainted-node", RunControllers = false }, Cancel);
        using var kubectl = new KubectlRunner(cluster);
        var ds = cluster.Store.GetRequired(OpenFero.DaemonSet.Simulation.Store.ResourceTypes.DaemonSets, "logging", "fluent-bit").CloneJson();
        ds["status"] = System.Text.Json.Nodes.JsonNode.Parse("""
            {"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":1,"numberAvailable":2,"numberMisscheduled":0}
            """);
        cluster.Store.Update(OpenFero.DaemonSet.Simulation.Store.ResourceTypes.DaemonSets, ds, statusOnly: true);

        var lines = (await kubectl.SucceedAsync("get ds -n logging")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE", "SELECTOR", "AGE"], Words(lines[0]));
        Assert.Equal(["fluent-bit", "3", "3", "2", "1", "2"], Words(lines[1])[..6]);
    }

    [Fact]
    public async Task Get_nodes_and_pods_print_status_columns()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "stuck-rollout", RunControllers = false }, Cancel);
        using var kubectl = new KubectlRunner(cluster);

        var nodes = await kubectl.SucceedAsync("get nodes");
        var pods = await kubectl.SucceedAsync("get pods -A -o wide");

        Assert.StartsWith("NAME", nodes, StringComparison.Ordinal);
        Assert.Contains("Ready", nodes, StringComparison.Ordinal);
        Assert.Equal(["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"], Words(pods.Split('\n')[0]));
        Assert.Contains("Terminating", pods, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_operariuses_prints_the_crds_printer_columns()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { RunControllers = false }, Cancel);
        using var kubectl = new KubectlRunner(cluster);
        var folder = Path.Combine(RepositoryRoot.Path, "operarius");
        await kubectl.SucceedAsync($"apply -f {Path.Combine(folder, "operarius-crd.yaml")}");
        await kubectl.SucceedAsync($"apply -f {folder}");

        var lines = (await kubectl.SucceedAsync("get op -n openfero")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["NAME", "ALERT", "STATUS", "ENABLED", "EXECUTIONS", "AGE"], Words(lines[0]));
        Assert.Contains(lines, line => Words(line) is ["openfero-daemonset-remediate", "KubeDaemonSetRolloutStuck", "firing", ..]);
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
