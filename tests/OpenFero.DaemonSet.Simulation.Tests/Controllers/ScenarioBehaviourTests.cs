using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Simulation.Tests.Controllers;

public sealed class ScenarioBehaviourTests
{
    [Fact]
    public async Task Stuck_rollout_stays_stuck_with_one_terminating_old_pod_and_nothing_else_replaced()
    {
        await using var run = new ScenarioRun("stuck-rollout");

        run.RunFor(TimeSpan.FromMinutes(2));

        var ds = run.DaemonSet("monitoring", "node-exporter");
        var pods = run.Pods("monitoring");
        Assert.Equal(4, pods.Count);
        Assert.Single(pods, p => p.Metadata.DeletionTimestamp is not null && p.Spec.NodeName == "node-2");
        Assert.Equal(0, ds.Status.UpdatedNumberScheduled);
        Assert.Equal("Waiting for daemon set \"node-exporter\" rollout to finish: 0 out of 4 new pods have been updated...\n", RolloutStatus.Evaluate(ds).Message);
    }

    [Fact]
    public async Task Healthy_rollout_completes_one_node_at_a_time()
    {
        await using var run = new ScenarioRun("healthy");

        run.RunFor(TimeSpan.FromMinutes(1));

        var ds = run.DaemonSet("monitoring", "node-exporter");
        Assert.Equal("daemon set \"node-exporter\" successfully rolled out\n", RolloutStatus.Evaluate(ds).Message);
        Assert.All(run.Pods("monitoring"), p => Assert.Equal("quay.io/prometheus/node-exporter:v1.8.2", p.Spec.Containers[0].Image));
    }
}
