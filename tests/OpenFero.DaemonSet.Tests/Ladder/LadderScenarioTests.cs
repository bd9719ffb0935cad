using System.Globalization;
using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;
using OpenFero.DaemonSet.Tests.Analysis;
using OpenFero.DaemonSet.Tests.Remediation;
using static OpenFero.DaemonSet.Tests.Remediation.RemediationScenarioTests;

namespace OpenFero.DaemonSet.Tests.Ladder;

/// <summary>
/// The ladder against the simulated cluster: the rungs the analysis says can help, least invasive first, each
/// followed by a watch for progress; a rung after which nothing moved stops the run, with the reason.
/// </summary>
public sealed class LadderScenarioTests
{
    [Fact]
    public async Task Stuck_rollout_climbs_one_rung_deleting_the_stuck_pod_sees_it_help_and_never_restarts()
    {
        await using var cluster = await StartAsync("stuck-rollout");

        var outcome = await RemediateAsync(cluster, "monitoring", "node-exporter");

        Assert.Equal((RemediationResult.RolledOut, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Equal(["RemediationPlanned", "StuckPodDeleted", RemediationRunner.StepHelped, "RolloutComplete", OutcomeEvent.RolledOut],
            OwnEvents(cluster, "monitoring").Select(e => e.Reason));
        var helped = Assert.Single(OwnEvents(cluster, "monitoring"), e => e.Reason == RemediationRunner.StepHelped);
        Assert.StartsWith("step 1 (delete stuck pods) helped: ", helped.Message, StringComparison.Ordinal);
        Assert.Equal("Normal", helped.Type);
        var ds = cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").As<V1DaemonSet>();
        Assert.False(ds.Spec.Template.Metadata.Annotations?.ContainsKey("kubectl.kubernetes.io/restartedAt") == true);
    }

    [Fact]
    public async Task Broken_revision_is_never_restarted_and_undone_only_when_allowed_with_the_undo_checked_for_progress()
    {
        await using var cluster = await StartAsync("broken-revision");
        await ClusterAnalysis.AnalyzeUntilAsync(cluster, "kube-system", "calico-node", r => r.Verdict.Cause == VerdictCause.NewRevisionFailing, "the crash loop");

        var declined = await RemediateAsync(cluster, "kube-system", "calico-node", ("Runner__AllowNamespaces", "kube-system"));
        var undone = await RemediateAsync(cluster, "kube-system", "calico-node", ("Runner__AllowNamespaces", "kube-system"), ("Runner__AllowUndo", "true"));

        Assert.Equal((RemediationResult.Declined, RemediationResult.RolledOut), (declined.Result, undone.Result));
        Assert.Equal([OutcomeEvent.Declined, "RemediationPlanned", "RolloutUndone", RemediationRunner.StepHelped, "RolloutComplete", OutcomeEvent.RolledOut],
            OwnEvents(cluster, "kube-system").Select(e => e.Reason));
        Assert.StartsWith("step 1 (rollout undo) helped: ", Assert.Single(OwnEvents(cluster, "kube-system"), e => e.Reason == RemediationRunner.StepHelped).Message, StringComparison.Ordinal);
        var ds = cluster.Store.GetRequired(ResourceTypes.DaemonSets, "kube-system", "calico-node").As<V1DaemonSet>();
        Assert.False(ds.Spec.Template.Metadata.Annotations?.ContainsKey("kubectl.kubernetes.io/restartedAt") == true);
    }

    [Fact]
    public async Task A_restart_that_moves_nothing_stops_the_run_at_step_one_with_the_reason_and_nothing_after_it()
    {
        await using var cluster = await StartAsync("restart-does-not-help");
        await ClusterAnalysis.AnalyzeUntilAsync(cluster, "logging", "fluent-bit", r => r.Verdict.Cause == VerdictCause.Stalled, "the rollout stalled at the node that rejects its pods");

        var outcome = await RemediateAsync(cluster, "logging", "fluent-bit", ("Runner__StepProgressTimeout", "00:00:05"), ("Runner__AllowUndo", "true"));

        Assert.Equal((RemediationResult.NotRolledOut, RemediationExit.NotRolledOut), (outcome.Result, outcome.Exit));
        Assert.Contains("Not rolled out: rollout restarted, then step 1 (rollout restart) did not help: ", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains("after 5s, nothing moved; no further step taken.", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal(["RemediationPlanned", "RolloutRestarted", RemediationRunner.StepDidNotHelp, OutcomeEvent.NotRolledOut],
            OwnEvents(cluster, "logging").Select(e => e.Reason));
        var stopped = Assert.Single(OwnEvents(cluster, "logging"), e => e.Reason == RemediationRunner.StepDidNotHelp);
        Assert.Equal("Warning", stopped.Type);
        Assert.StartsWith("step 1 (rollout restart) did not help: ", stopped.Message, StringComparison.Ordinal);
        var ds = cluster.Store.GetRequired(ResourceTypes.DaemonSets, "logging", "fluent-bit").As<V1DaemonSet>();
        Assert.Equal("cr.fluentbit.io/fluent/fluent-bit:3.1.9", ds.Spec.Template.Spec.Containers[0].Image);
    }

    /// <summary>The Events the runner wrote on the DaemonSet, oldest first.</summary>
    private static List<Corev1Event> OwnEvents(SimulatedCluster cluster, string ns) =>
        [.. RemediationScenarioTests.Events(cluster, ns).Where(e => e.Source?.Component == DaemonSetEvents.Component)
            .OrderBy(e => long.Parse(e.Metadata.ResourceVersion, CultureInfo.InvariantCulture))];
}
