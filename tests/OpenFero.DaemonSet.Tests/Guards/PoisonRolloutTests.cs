using k8s.Models;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;
using OpenFero.DaemonSet.Tests.Analysis;
using OpenFero.DaemonSet.Tests.Remediation;
using static OpenFero.DaemonSet.Tests.Remediation.RemediationScenarioTests;

namespace OpenFero.DaemonSet.Tests.Guards;

/// <summary>
/// The poison-rollout guard against the simulated cluster: node-exporter rolls out a new revision, and a node that
/// goes NotReady after the new revision's pod landed on it stops the rollout from being pushed on; the run declines
/// and recommends the undo.
/// </summary>
public sealed class PoisonRolloutTests
{
    [Fact]
    public async Task A_node_going_not_ready_after_the_new_revision_landed_is_declined_with_the_undo_not_pushed_on()
    {
        await using var cluster = await StartAsync("healthy");
        var updated = await ClusterAnalysis.AnalyzeUntilAsync(cluster, "monitoring", "node-exporter", r => r.Pods.Any(p => p.Updated && p.Node is not null),
            "a pod of the new revision on a node");
        var landedOn = updated.Pods.First(p => p.Updated && p.Node is not null).Node!;
        var podsBefore = Pods(cluster, "monitoring").Select(p => p.Metadata.Uid).Order().ToList();
        NotReady(cluster, landedOn);

        var outcome = await RemediateAsync(cluster, "monitoring", "node-exporter");

        Assert.Equal((RemediationResult.Declined, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Contains($"poison rollout: {landedOn} went NotReady ", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains("do not push this rollout on: check the new revision, then kubectl rollout undo daemonset/node-exporter -n monitoring", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal(podsBefore, Pods(cluster, "monitoring").Select(p => p.Metadata.Uid).Order().ToList());
        var declined = Assert.Single(RemediationScenarioTests.Events(cluster, "monitoring"), e => e.Reason == OutcomeEvent.Declined);
        Assert.Equal("Warning", declined.Type);
        Assert.False(cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").As<V1DaemonSet>().Spec.Template.Metadata.Annotations?.ContainsKey("kubectl.kubernetes.io/restartedAt") == true);
    }

    [Fact]
    public async Task A_node_that_was_not_ready_before_the_new_revision_landed_is_no_poison()
    {
        await using var cluster = await StartAsync("healthy");
        var updated = await ClusterAnalysis.AnalyzeUntilAsync(cluster, "monitoring", "node-exporter", r => r.Pods.Any(p => p.Updated && p.Node is not null),
            "a pod of the new revision on a node");
        var landedOn = updated.Pods.First(p => p.Updated && p.Node is not null).Node!;
        NotReady(cluster, landedOn, since: TimeSpan.FromHours(1));

        var outcome = await RemediateAsync(cluster, "monitoring", "node-exporter", ("Runner__DryRun", "true"));

        Assert.Equal(RemediationResult.DryRun, outcome.Result);
        Assert.Contains($"{landedOn} is NotReady", outcome.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("poison rollout", outcome.Summary, StringComparison.Ordinal);
    }

    /// <summary>The node's Ready condition turned False <paramref name="since"/> ago (now when not given), as the node controller writes it.</summary>
    private static void NotReady(SimulatedCluster cluster, string node, TimeSpan? since = null)
    {
        var stored = cluster.Store.GetRequired(ResourceTypes.Nodes, null, node).ToMutable<V1Node>();
        var ready = stored.Status.Conditions.Single(c => c.Type == "Ready");
        ready.Status = "False";
        ready.Reason = "KubeletNotReady";
        ready.LastTransitionTime = (cluster.Time.GetUtcNow() - (since ?? TimeSpan.Zero)).UtcDateTime;
        cluster.Store.Update(ResourceTypes.Nodes, ClusterJson.From(stored), statusOnly: true);
    }
}
