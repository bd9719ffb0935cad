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

    [Fact]
    public async Task Broken_revision_crash_loops_on_the_first_updated_pod_and_goes_no_further()
    {
        await using var run = new ScenarioRun("broken-revision");

        run.RunFor(TimeSpan.FromMinutes(2));

        var ds = run.DaemonSet("kube-system", "calico-node");
        var updated = run.Pods("kube-system").Where(p => p.Spec.Containers[0].Image == "docker.io/calico/node:v3.28.0-rc1").ToList();
        var crashing = Assert.Single(updated);
        var container = crashing.Status.ContainerStatuses[0];
        Assert.Equal("CrashLoopBackOff", container.State.Waiting.Reason);
        Assert.True(container.RestartCount > 1);
        Assert.Equal("Error", container.LastState.Terminated.Reason);
        Assert.Equal((3, 1, 2), (ds.Status.DesiredNumberScheduled, ds.Status.UpdatedNumberScheduled, ds.Status.NumberAvailable));
    }

    [Fact]
    public async Task Tainted_node_gets_no_daemon_pod_and_is_not_desired()
    {
        await using var run = new ScenarioRun("tainted-node");

        run.RunFor(TimeSpan.FromSeconds(10));

        var ds = run.DaemonSet("logging", "fluent-bit");
        Assert.DoesNotContain(run.Pods("logging"), p => p.Spec.NodeName == "node-4");
        Assert.Equal((3, 3, 3, 0), (ds.Status.DesiredNumberScheduled, ds.Status.CurrentNumberScheduled, ds.Status.NumberAvailable ?? 0, ds.Status.NumberMisscheduled));
    }

    [Theory]
    [InlineData("misscheduled", "cilium")]
    [InlineData("autoscaler-false-alarm", "calico-node")]
    public async Task A_NoSchedule_taint_added_under_a_running_pod_leaves_it_misscheduled(string scenario, string daemonSet)
    {
        await using var run = new ScenarioRun(scenario);

        run.RunFor(TimeSpan.FromSeconds(10));

        var ds = run.DaemonSet("kube-system", daemonSet);
        Assert.Contains(run.Pods("kube-system"), p => p.Spec.NodeName == "node-3" && p.Metadata.DeletionTimestamp is null);
        Assert.Equal((2, 2, 1), (ds.Status.DesiredNumberScheduled, ds.Status.CurrentNumberScheduled, ds.Status.NumberMisscheduled));
    }

    [Fact]
    public async Task OnDelete_daemonset_keeps_its_old_pods_until_one_is_deleted()
    {
        await using var run = new ScenarioRun("on-delete");
        run.RunFor(TimeSpan.FromSeconds(30));
        var ds = run.DaemonSet("kube-system", "kube-proxy");
        Assert.Equal(0, ds.Status.UpdatedNumberScheduled);

        var old = run.Pods("kube-system").First(p => p.Spec.NodeName == "node-1");
        run.Store.Delete(OpenFero.DaemonSet.Simulation.Store.ResourceTypes.Pods, "kube-system", old.Metadata.Name);
        run.RunFor(TimeSpan.FromSeconds(10));

        ds = run.DaemonSet("kube-system", "kube-proxy");
        Assert.Equal(1, ds.Status.UpdatedNumberScheduled);
        Assert.Equal(RolloutStatus.OnDeleteError, RolloutStatus.Evaluate(ds).Error);
    }

    [Fact]
    public async Task Insufficient_resources_leave_the_daemon_pod_pending_and_unschedulable()
    {
        await using var run = new ScenarioRun("insufficient-resources");

        run.RunFor(TimeSpan.FromSeconds(10));

        var pending = Assert.Single(run.Pods("monitoring"), p => p.Status.Phase == "Pending");
        Assert.Null(pending.Spec.NodeName);
        Assert.Equal("node-3", DaemonPods.TargetNodeName(pending));
        var scheduled = Assert.Single(pending.Status.Conditions, c => c.Type == "PodScheduled");
        Assert.Equal(("False", "Unschedulable", "0/1 nodes are available: 1 Insufficient cpu."), (scheduled.Status, scheduled.Reason, scheduled.Message));
        var ds = run.DaemonSet("monitoring", "datadog-agent");
        Assert.Equal((3, 3, 2), (ds.Status.DesiredNumberScheduled, ds.Status.CurrentNumberScheduled, ds.Status.NumberAvailable ?? 0));
    }

    [Fact]
    public async Task Large_scenario_loads_5000_ready_daemon_pods()
    {
        await using var run = new ScenarioRun("large-5000");

        run.Controllers.ReconcileOnce();

        var ds = run.DaemonSet("monitoring", "node-exporter");
        Assert.Equal(5000, run.Pods("monitoring").Count);
        Assert.Equal((5000, 5000, 5000), (ds.Status.DesiredNumberScheduled, ds.Status.NumberReady, ds.Status.UpdatedNumberScheduled));
    }
}
