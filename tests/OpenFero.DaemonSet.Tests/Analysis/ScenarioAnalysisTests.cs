using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>Each scenario of the simulated cluster, read through the real client and analysed.</summary>
public sealed class ScenarioAnalysisTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthy_rollout_ends_rolled_out_with_every_counter_at_four()
    {
        var report = await AnalyzeUntilAsync("healthy", "monitoring", "node-exporter", r => r.Verdict.Cause == VerdictCause.RolledOut);

        Assert.Equal("daemon set \"node-exporter\" successfully rolled out", report.Verdict.Summary);
        Assert.Equal((4, 4, 4, 4, 4, 0), (report.Status!.Desired, report.Status.Current, report.Status.Ready, report.Status.Updated, report.Status.Available, report.Status.Unavailable));
        Assert.All(report.Pods, p => Assert.True(p.Updated));
    }

    [Fact]
    public async Task Stuck_rollout_names_the_old_pod_stuck_terminating_and_the_node_waiting_for_it()
    {
        var report = await AnalyzeUntilAsync("stuck-rollout", "monitoring", "node-exporter", r => r.Status!.Desired == 4, TimeSpan.FromMinutes(5));

        Assert.Equal(VerdictCause.OldPodsCannotRun, report.Verdict.Cause);
        Assert.Equal("1 old-revision pod cannot run: TerminatingTooLong on node-2", report.Verdict.Summary);
        Assert.Equal("Waiting for daemon set \"node-exporter\" rollout to finish: 0 out of 4 new pods have been updated...", report.Rollout!.Message);
        Assert.Equal(RolloutState.Stalled, report.Rollout.State);
        var stuck = Assert.Single(report.Pods, p => p.Condition == PodCondition.TerminatingTooLong);
        Assert.Equal(("node-2", false), (stuck.Node, stuck.Updated));
        Assert.Equal((1, 0), (report.Status!.ResolvedMaxUnavailable, report.Status.ResolvedMaxSurge));
        Assert.DoesNotContain(report.NotScheduled, n => n.Node == "node-2");
        var waiting = Assert.Single(report.WaitingForOldPod);
        Assert.Equal(("node-2", stuck.Name), (waiting.Node, waiting.Pod));
        Assert.Equal(("Running", true, "Terminating"), (stuck.Phase, stuck.Terminating, stuck.Status));
    }

    [Fact]
    public async Task Broken_revision_is_the_new_template_crash_looping_not_a_stuck_node()
    {
        var report = await AnalyzeUntilAsync("broken-revision", "kube-system", "calico-node", r => r.Pods.Any(p => p.Condition == PodCondition.CrashLoopBackOff));

        Assert.Equal(VerdictCause.NewRevisionFailing, report.Verdict.Cause);
        Assert.StartsWith("new revision crash-looping on 1/1 updated pods", report.Verdict.Summary, StringComparison.Ordinal);
        Assert.Contains(report.Health, h => h.Code == "cause-broken-revision" && h.Recommendation.Contains("kubectl rollout undo daemonset/calico-node", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tainted_node_is_excluded_with_the_taint_named()
    {
        var report = await AnalyzeUntilAsync("tainted-node", "logging", "fluent-bit", r => r.Rollout!.Done);

        Assert.Equal(VerdictCause.UntoleratedTaint, report.Verdict.Cause);
        Assert.Equal("node-4 tainted dedicated=gpu:NoSchedule, not tolerated", report.Verdict.Summary);
        var excluded = Assert.Single(report.ExcludedNodes);
        Assert.Equal(("node-4", "taint"), (excluded.Node, excluded.Rule));
    }

    [Fact]
    public async Task Misscheduled_pod_kept_by_a_NoSchedule_taint_is_told_apart_from_one_the_controller_deletes()
    {
        var report = await AnalyzeUntilAsync("misscheduled", "kube-system", "cilium", r => r.Misscheduled.Count == 1);

        var pod = Assert.Single(report.Misscheduled);
        Assert.Equal(("node-3", "taint", false, false), (pod.Node, pod.Rule, pod.WillBeDeleted, pod.AutoscalerScaleDown));
        Assert.Equal(VerdictCause.Misscheduled, report.Verdict.Cause);
        Assert.Contains("kept running: only NoExecute taints evict", report.Verdict.Summary, StringComparison.Ordinal);
        Assert.Equal(1, report.Status!.Misscheduled);
    }

    [Fact]
    public async Task Autoscaler_scale_down_taint_is_named_a_known_false_alarm()
    {
        var report = await AnalyzeUntilAsync("autoscaler-false-alarm", "kube-system", "calico-node", r => r.Misscheduled.Count == 1);

        Assert.Equal(VerdictCause.AutoscalerFalseAlarm, report.Verdict.Cause);
        Assert.Equal("known false alarm: autoscaler scale-down taint on node-3", report.Verdict.Summary);
        Assert.Contains(report.Health, h => h.Code == "cause-autoscaler");
    }

    [Fact]
    public async Task A_known_false_alarm_does_not_hide_a_broken_revision_and_both_are_listed()
    {
        var report = await AnalyzeUntilAsync("broken-revision-and-autoscaler", "kube-system", "calico-node",
            r => r.Misscheduled.Count == 1 && r.Pods.Any(p => p.Condition == PodCondition.CrashLoopBackOff));

        Assert.Equal(VerdictCause.NewRevisionFailing, report.Verdict.Cause);
        Assert.StartsWith("new revision crash-looping on 1/1 updated pods", report.Verdict.Summary, StringComparison.Ordinal);
        Assert.Equal([VerdictCause.NewRevisionFailing, VerdictCause.AutoscalerFalseAlarm], report.Causes.Select(c => c.Cause));
        Assert.Equal("known false alarm: autoscaler scale-down taint on node-3", report.Causes[1].Summary);
        var text = ReportRendering.ToText(report);
        Assert.Contains("Causes (most severe first):\n  new revision crash-looping", text, StringComparison.Ordinal);
        Assert.Contains("  known false alarm: autoscaler scale-down taint on node-3 [AutoscalerFalseAlarm]\n", text, StringComparison.Ordinal);
        var json = System.Text.Json.Nodes.JsonNode.Parse(ReportRendering.ToJson(report))!;
        Assert.Equal("autoscalerFalseAlarm", json["causes"]![1]!["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnDelete_daemonset_with_old_pods_says_so_and_kubectl_would_refuse()
    {
        var report = await AnalyzeUntilAsync("on-delete", "kube-system", "kube-proxy", r => r.Status!.Desired == 3);

        Assert.Equal(VerdictCause.OnDeleteWaiting, report.Verdict.Cause);
        Assert.Equal("OnDelete: 3 of 3 pods still run the old template until deleted", report.Verdict.Summary);
        Assert.Equal("rollout status is only available for RollingUpdate strategy type", report.Rollout!.Error);
        Assert.Contains(report.Health, h => h.Code == "on-delete");
    }

    [Fact]
    public async Task Insufficient_resources_gives_the_numbers()
    {
        var report = await AnalyzeUntilAsync("insufficient-resources", "monitoring", "datadog-agent", r => r.NotScheduled.Count == 1);

        Assert.Equal(VerdictCause.InsufficientResources, report.Verdict.Cause);
        Assert.Equal("datadog-agent pod on node-3 Pending: Insufficient cpu: the pod requests 200m, 100m of 4000m allocatable is free", report.Verdict.Summary);
        Assert.Contains(report.Health, h => h.Code == "cause-resources" && h.Recommendation.Contains("system-node-critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analysis_of_5000_nodes_uses_paged_lists_not_a_request_per_pod()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "large-5000", RunControllers = false }, Cancel);
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        cluster.Requests.Reset();

        var snapshot = await new DaemonSetSnapshotReader(client).ReadAsync(new DaemonSetTarget("monitoring", "node-exporter"), null, Cancel);

        Assert.Equal((5000, 5000), (snapshot!.Pods.Count, snapshot.Nodes.Count));
        Assert.InRange(cluster.Requests.Total, 1, 10 + 10 + 5);
    }

    private static async Task<DaemonSetReport> AnalyzeUntilAsync(string scenario, string ns, string name, Func<DaemonSetReport, bool> ready, TimeSpan? ahead = null)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario }, Cancel);
        // The state the test is about, described by a status of the current spec: a status the controller wrote for an
        // older generation judges nothing but that (SpecNotObserved), whatever else it already shows.
        return await ClusterAnalysis.AnalyzeUntilAsync(cluster, ns, name, r => r.Status is { } status && status.ObservedGeneration >= status.Generation && ready(r),
            $"the {scenario} scenario to reach the state the test is about", ahead);
    }
}
