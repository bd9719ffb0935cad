using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>Every cause found is listed, most severe first; a known false alarm never outranks what is wrong.</summary>
public sealed class CauseRankingTests
{
    private static readonly StatusReport Status = new(3, 3, 2, 1, 2, 1, 1, 2, 2, "RollingUpdate", "1", "0", 1, 0, "new");
    private static readonly RolloutReport Stalled = new("Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated...", false, null, RolloutState.Stalled, 0);
    private static readonly RolloutReport Progressing = Stalled with { State = RolloutState.Progressing };
    private static readonly RolloutReport Done = new("daemon set \"agent\" successfully rolled out", true, null, RolloutState.Done, 0);
    private static readonly MisscheduledPod ScaleDown = new("agent-3", "node-3", "taint", "untolerated taint ToBeDeletedByClusterAutoscaler=1:NoSchedule", false, true);

    [Fact]
    public void Every_cause_that_is_wrong_outranks_every_benign_one()
    {
        var wrong = Enum.GetValues<VerdictCause>().Where(c => !VerdictRules.IsBenign(c)).Max(VerdictRules.Severity);
        var benign = Enum.GetValues<VerdictCause>().Where(VerdictRules.IsBenign).Min(VerdictRules.Severity);

        Assert.True(wrong < benign, "a benign cause ranks above a wrong one");
        Assert.All(Enum.GetValues<VerdictCause>(), c => Assert.True(VerdictRules.Severity(c) >= 0, $"{c} has no rank"));
    }

    [Fact]
    public void A_crash_looping_revision_beside_an_autoscaler_taint_is_the_verdict_and_both_are_listed()
    {
        var causes = Causes(Stalled, [Pod("agent-1", "node-1", PodCondition.CrashLoopBackOff, updated: true)], [ScaleDown]);

        Assert.Equal([VerdictCause.NewRevisionFailing, VerdictCause.AutoscalerFalseAlarm], causes.Select(c => c.Cause));
    }

    [Fact]
    public void Old_pods_that_cannot_run_beside_an_autoscaler_taint_come_first()
    {
        var causes = Causes(Stalled, [Pod("agent-2", "node-2", PodCondition.TerminatingTooLong, updated: false)], [ScaleDown]);

        Assert.Equal([VerdictCause.OldPodsCannotRun, VerdictCause.AutoscalerFalseAlarm], causes.Select(c => c.Cause));
    }

    [Fact]
    public void A_false_alarm_with_a_rollout_still_moving_is_not_the_verdict()
    {
        Assert.Equal([VerdictCause.Progressing, VerdictCause.AutoscalerFalseAlarm], Causes(Progressing, [], [ScaleDown]).Select(c => c.Cause));
        Assert.Equal([VerdictCause.AutoscalerFalseAlarm, VerdictCause.RolledOut], Causes(Done, [], [ScaleDown]).Select(c => c.Cause));
    }

    [Fact]
    public void A_misplaced_pod_beside_an_autoscaler_one_is_named_not_hidden()
    {
        var misplaced = ScaleDown with { Pod = "agent-4", Node = "node-4", Detail = "nodeSelector disktype", AutoscalerScaleDown = false };

        var causes = Causes(Done, [], [ScaleDown, misplaced]);

        Assert.Equal([VerdictCause.Misscheduled, VerdictCause.AutoscalerFalseAlarm], causes.Select(c => c.Cause));
        Assert.StartsWith("pod on node-4 misscheduled", causes[0].Summary, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Verdict> Causes(RolloutReport rollout, IReadOnlyList<PodReport> pods, IReadOnlyList<MisscheduledPod> misscheduled) =>
        VerdictRules.Causes("agent", Status, rollout, pods, misscheduled, [], [], []);

    private static PodReport Pod(string name, string node, PodCondition condition, bool updated) =>
        new(name, name + "-uid", node, "Running", false, 3, condition, null, updated, TimeSpan.FromMinutes(5), null, null);
}
