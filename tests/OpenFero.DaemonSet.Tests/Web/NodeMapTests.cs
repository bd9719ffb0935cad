using System.Text.Json;
using k8s;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Tests.Analysis;
using OpenFero.DaemonSet.Web;

namespace OpenFero.DaemonSet.Tests.Web;

/// <summary>Each node's state for a DaemonSet, as the node map shows it: the scenarios read through the real client, and single cases in plain objects.</summary>
public sealed class NodeMapTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stuck_rollout_shows_the_node_whose_old_pod_will_not_terminate_failing_and_the_others_old()
    {
        var map = await MapUntilAsync("stuck-rollout", "monitoring", "node-exporter", m => m.Nodes.Any(n => n.State == NodeState.Failing), TimeSpan.FromMinutes(5));

        var stuck = Assert.Single(map.Nodes, n => n.State == NodeState.Failing);
        Assert.Equal("node-2", stuck.Node);
        Assert.Contains("TerminatingTooLong", stuck.Reason, StringComparison.Ordinal);
        Assert.Equal(["node-1", "node-3", "node-4"], map.Nodes.Where(n => n.State == NodeState.Old).Select(n => n.Node));
        Assert.Equal((3, 1, 0), (map.Counts[NodeState.Old], map.Counts[NodeState.Failing], map.Counts[NodeState.UpdatedAvailable]));
    }

    [Fact]
    public async Task Healthy_rollout_ends_with_every_node_updated_and_available()
    {
        var map = await MapUntilAsync("healthy", "monitoring", "node-exporter", m => m.Nodes.All(n => n.State == NodeState.UpdatedAvailable));

        Assert.Equal(4, map.Counts[NodeState.UpdatedAvailable]);
        Assert.All(map.Nodes, n => Assert.Equal("current revision, ready", n.Reason));
    }

    [Fact]
    public async Task Tainted_node_is_not_eligible_with_the_taint_named_and_has_no_pod()
    {
        var map = await MapUntilAsync("tainted-node", "logging", "fluent-bit", m => m.Nodes.Count(n => n.State == NodeState.UpdatedAvailable) == 3);

        var tainted = Assert.Single(map.Nodes, n => n.State == NodeState.NotEligible);
        Assert.Equal(("node-4", null), (tainted.Node, tainted.Pod));
        Assert.Contains("dedicated=gpu:NoSchedule", tainted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pod_on_a_node_the_rules_leave_out_is_misscheduled()
    {
        var map = await MapUntilAsync("misscheduled", "kube-system", "cilium", m => m.Nodes.Any(n => n.State == NodeState.Misscheduled));

        var misscheduled = Assert.Single(map.Nodes, n => n.State == NodeState.Misscheduled);
        Assert.Equal("node-3", misscheduled.Node);
        Assert.NotNull(misscheduled.Pod);
        Assert.Contains("the controller leaves it running", misscheduled.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_without_room_for_the_pod_is_failing_with_the_numbers()
    {
        var map = await MapUntilAsync("insufficient-resources", "monitoring", "datadog-agent", m => m.Nodes.Any(n => n.State == NodeState.Failing));

        var full = Assert.Single(map.Nodes, n => n.State == NodeState.Failing);
        Assert.Equal("node-3", full.Node);
        Assert.Equal("Insufficient cpu: the pod requests 200m, 100m of 4000m allocatable is free", full.Reason);
    }

    [Fact]
    public void Eligible_node_without_a_pod_yet_is_pending()
    {
        var report = DaemonSetAnalyzer.Analyze(Snapshots.Of(Snapshots.DaemonSet()), NodeMap.Options, Snapshots.Now);

        var cell = NodeMap.Classify(report, "node-1");

        Assert.Equal((NodeState.Pending, (string?)null), (cell.State, cell.Pod));
        Assert.Contains("no daemon pod exists for this node", cell.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_whose_old_pod_terminates_within_its_grace_period_is_pending()
    {
        var ds = Snapshots.DaemonSet();
        var old = Snapshots.PendingDaemonPod(ds, "node-1", "");
        old.Status.Phase = "Running";
        old.Status.Conditions = [];
        old.Metadata.DeletionTimestamp = Snapshots.Now.UtcDateTime.AddSeconds(10);
        var report = DaemonSetAnalyzer.Analyze(Snapshots.Of(ds, [old]), NodeMap.Options, Snapshots.Now);

        var cell = NodeMap.Classify(report, "node-1");

        Assert.Equal((NodeState.Pending, old.Metadata.Name), (cell.State, cell.Pod));
        Assert.StartsWith("the new pod waits for the old pod", cell.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_map_names_its_states_in_camel_case_as_the_page_reads_them()
    {
        var report = DaemonSetAnalyzer.Analyze(Snapshots.Of(Snapshots.DaemonSet()), NodeMap.Options, Snapshots.Now);

        var json = JsonDocument.Parse(JsonSerializer.Serialize(NodeMap.Of(report, ["node-1"]), ReportRendering.Json)).RootElement;

        Assert.Equal("pending", json.GetProperty("nodes")[0].GetProperty("state").GetString());
        Assert.Equal(1, json.GetProperty("counts").GetProperty("pending").GetInt32());
        Assert.Equal(0, json.GetProperty("counts").GetProperty("updatedAvailable").GetInt32());
    }

    private static async Task<NodeMapView> MapUntilAsync(string scenario, string ns, string name, Func<NodeMapView, bool> ready, TimeSpan? ahead = null)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario }, Cancel);
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var nodes = (await client.CoreV1.ListNodeAsync(cancellationToken: Cancel)).Items.Select(n => n.Metadata.Name).ToList();
        return await Eventually.ReachesAsync(
            async () => NodeMap.Of(await ClusterAnalysis.AnalyzeAsync(cluster, ns, name, cluster.Time.GetUtcNow() + (ahead ?? TimeSpan.Zero), NodeMap.Options), nodes),
            ready, $"the {scenario} scenario's node map to reach the state the test is about",
            describe: map => JsonSerializer.Serialize(map, ReportRendering.Json));
    }
}
