using k8s.Models;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Tests.Controllers;

/// <summary>
/// A ResourceQuota that is used up refuses the DaemonSet controller's pod create as the API server does, and the
/// controller says so the way Kubernetes' does: one Warning FailedCreate Event on the DaemonSet, counted on each retry,
/// retries spaced by a doubling back-off, and the node left without a pod (current below desired).
/// </summary>
public sealed class QuotaRefusalTests
{
    private const string Refusal =
        "Error creating: pods \"promtail-\" is forbidden: exceeded quota: pods-limit, requested: pods=1, used: pods=3, limited: pods=3";

    [Fact]
    public async Task A_used_up_quota_leaves_one_node_without_a_pod_and_current_below_desired()
    {
        await using var run = new ScenarioRun("quota-exhausted");
        run.RunFor(TimeSpan.FromMinutes(1));

        var status = run.DaemonSet("logging", "promtail").Status;
        Assert.Equal((4, 3), (status.DesiredNumberScheduled, status.CurrentNumberScheduled));
        Assert.DoesNotContain(run.Pods("logging"), p => p.Spec.NodeName == "node-4");
        var quota = run.Store.GetRequired(ResourceTypes.ResourceQuotas, "logging", "pods-limit").As<V1ResourceQuota>();
        Assert.Equal(("3", "3"), (quota.Status.Used["pods"].ToString(), quota.Status.Hard["pods"].ToString()));
    }

    [Fact]
    public async Task Each_refused_create_counts_on_one_FailedCreate_event_from_the_daemonset_controller()
    {
        await using var run = new ScenarioRun("quota-exhausted");
        var daemonSet = run.DaemonSet("logging", "promtail");
        run.RunFor(TimeSpan.FromMinutes(1));

        var events = run.Store.List(ResourceTypes.Events, "logging").Select(e => e.As<Corev1Event>()).ToList();
        var failed = Assert.Single(events);
        Assert.Equal(("Warning", "FailedCreate", Refusal), (failed.Type, failed.Reason, failed.Message));
        Assert.Equal(("DaemonSet", "promtail", daemonSet.Metadata.Uid), (failed.InvolvedObject.Kind, failed.InvolvedObject.Name, failed.InvolvedObject.Uid));
        Assert.Equal("daemonset-controller", failed.Source.Component);
        Assert.StartsWith("promtail.", failed.Metadata.Name, StringComparison.Ordinal);
        Assert.True(failed.Count > 1);
        Assert.True(failed.LastTimestamp > failed.FirstTimestamp);
    }

    [Fact]
    public async Task Retries_back_off_doubling_so_a_minute_of_refusals_is_a_dozen_tries_not_a_tick_each()
    {
        await using var run = new ScenarioRun("quota-exhausted");
        run.RunFor(TimeSpan.FromMinutes(1));

        var failed = run.Store.List(ResourceTypes.Events, "logging").Single().As<Corev1Event>();

        // 5 ms doubling: the 15th retry comes 82 s after the 14th, past the minute; a tick each would be 240.
        Assert.InRange(failed.Count ?? 0, 10, 15);
        Assert.Equal(TimeSpan.FromSeconds(1000), PodCreations.Delay(30));
    }

    [Fact]
    public async Task Once_the_quota_is_raised_the_next_retry_creates_the_pod()
    {
        await using var run = new ScenarioRun("quota-exhausted");
        run.RunFor(TimeSpan.FromSeconds(10));

        var quota = run.Store.GetRequired(ResourceTypes.ResourceQuotas, "logging", "pods-limit").CloneJson();
        quota["spec"]!["hard"]!["pods"] = "4";
        run.Store.Update(ResourceTypes.ResourceQuotas, quota);
        run.RunFor(TimeSpan.FromMinutes(1));

        Assert.Contains(run.Pods("logging"), p => p.Spec.NodeName == "node-4");
        Assert.Equal(4, run.DaemonSet("logging", "promtail").Status.CurrentNumberScheduled);
        Assert.Equal("4", run.Store.GetRequired(ResourceTypes.ResourceQuotas, "logging", "pods-limit").As<V1ResourceQuota>().Status.Used["pods"].ToString());
    }

    [Fact]
    public async Task A_pod_that_ends_gives_its_share_of_the_quota_back()
    {
        await using var run = new ScenarioRun("quota-exhausted");
        run.RunFor(TimeSpan.FromSeconds(5));

        var pod = run.Pods("logging").First();
        run.Store.Delete(ResourceTypes.Pods, "logging", pod.Metadata.Name, gracePeriodSeconds: 0);
        run.RunFor(TimeSpan.FromSeconds(1));

        var quota = run.Store.GetRequired(ResourceTypes.ResourceQuotas, "logging", "pods-limit").As<V1ResourceQuota>();
        Assert.Equal("2", quota.Status.Used["pods"].ToString());
    }
}
