using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>The misscheduled analysis' <c>IncludeNodeInfo</c>: the nodes the DaemonSet leaves out, and why, on and off.</summary>
public sealed class NodeInfoSwitchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Include_node_info_off_removes_the_excluded_nodes_from_json_and_text_and_keeps_the_rest()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "tainted-node" }, Cancel);
        var off = new AnalysisOptions();
        off.DaemonsetMisscheduledAnalysis.IncludeNodeInfo = false;

        var with = await ClusterAnalysis.AnalyzeUntilAsync(cluster, "logging", "fluent-bit", r => r.Pods.Count(p => p.Ready) == 3, "the three untainted nodes' agents to be ready");
        var without = await ClusterAnalysis.AnalyzeAsync(cluster, "logging", "fluent-bit", options: off);
        var withJson = JsonNode.Parse(ReportRendering.ToJson(with))!;
        var withoutJson = JsonNode.Parse(ReportRendering.ToJson(without))!;

        var excluded = Assert.Single(with.ExcludedNodes);
        Assert.Equal(("node-4", "taint", "untolerated taint dedicated=gpu:NoSchedule"), (excluded.Node, excluded.Rule, excluded.Detail));
        Assert.Equal("node-4", withJson["excludedNodes"]![0]!["node"]!.GetValue<string>());
        Assert.Contains("Excluded nodes:\n  NODE     RULE    DETAIL\n  node-4   taint   untolerated taint dedicated=gpu:NoSchedule\n", ReportRendering.ToText(with), StringComparison.Ordinal);

        Assert.Empty(without.ExcludedNodes);
        Assert.Empty(withoutJson["excludedNodes"]!.AsArray());
        Assert.DoesNotContain("untolerated taint dedicated=gpu:NoSchedule", ReportRendering.ToText(without), StringComparison.Ordinal);
        Assert.DoesNotContain("Excluded nodes", ReportRendering.ToText(without), StringComparison.Ordinal);
        Assert.Equal(with.Pods.Select(p => p.Name), without.Pods.Select(p => p.Name));
        Assert.Equal(with.Verdict, without.Verdict);
    }
}
