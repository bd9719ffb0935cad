using k8s.Models;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Tests.Controllers;

/// <summary>
/// Like the real scheduler, the simulation retries a daemon pod it could not place: once its node has room,
/// the pod is bound and starts. Without the retry, one unlucky placement (a port still held by a pod being
/// removed in the same instant) leaves the pod Pending for good and the rollout never finishes.
/// </summary>
public sealed class SchedulingRetryTests
{
    [Fact]
    public async Task A_daemon_pod_left_pending_for_lack_of_room_is_bound_and_started_once_its_node_has_room()
    {
        await using var run = new ScenarioRun("insufficient-resources");
        run.RunFor(TimeSpan.FromSeconds(5));
        var pending = Assert.Single(run.Pods("monitoring"), p => p.Status.Phase == "Pending");

        var batch = run.Store.GetRequired(ResourceTypes.Pods, "default", "batch-etl").As<V1Pod>();
        run.Store.Delete(ResourceTypes.Pods, "default", batch.Metadata.Name, gracePeriodSeconds: 0);
        run.RunFor(TimeSpan.FromSeconds(10));

        var placed = run.Store.GetRequired(ResourceTypes.Pods, "monitoring", pending.Metadata.Name).As<V1Pod>();
        Assert.Equal("node-3", placed.Spec.NodeName);
        Assert.Equal("Running", placed.Status.Phase);
        var ds = run.DaemonSet("monitoring", "datadog-agent");
        Assert.True(RolloutStatus.Evaluate(ds).Done, RolloutStatus.Evaluate(ds).Message);
    }
}
