using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>The plan for each cause, as a pure function of a report.</summary>
public sealed class RemediationPlannerTests
{
    public static TheoryData<VerdictCause> Wrong => [.. Enum.GetValues<VerdictCause>().Where(c => !VerdictRules.IsBenign(c))];

    [Theory]
    [MemberData(nameof(Wrong))]
    public void A_false_alarm_beside_anything_wrong_never_plans_success_without_a_rollout_wait(VerdictCause wrong)
    {
        foreach (var rollout in new[] { Reports.Done, Reports.Stalled, Reports.OnDelete })
        {
            var plan = RemediationPlanner.Plan(Reports.Of(rollout, VerdictCause.AutoscalerFalseAlarm, wrong), new RemediationPolicy());

            Assert.NotEqual(VerdictCause.AutoscalerFalseAlarm, plan.Cause);
            Assert.False(plan.Steps.Count == 0 && plan.ExitWhenDone == RemediationExit.RolledOut, $"{wrong} with {rollout.State}: exit 0 without waiting");
            Assert.True(plan.Steps.Count == 0 || plan.Steps[^1] is RemediationStep.WaitForRollout, $"{wrong} with {rollout.State}: a plan that acts ends with the rollout wait");
        }
    }

    [Fact]
    public void Only_a_known_false_alarm_is_a_success_without_waiting()
    {
        var plan = RemediationPlanner.Plan(Reports.Of(Reports.Done, VerdictCause.AutoscalerFalseAlarm, VerdictCause.RolledOut), new RemediationPolicy());

        Assert.Equal((VerdictCause.AutoscalerFalseAlarm, 0, RemediationExit.RolledOut), (plan.Cause, plan.Steps.Count, plan.ExitWhenDone));
    }

    [Fact]
    public void Rolled_out_by_counts_but_not_by_kubectl_waits_for_kubectls_word()
    {
        var plan = RemediationPlanner.Plan(Reports.Of(Reports.OnDelete, VerdictCause.RolledOut), new RemediationPolicy());

        Assert.Equal(["WaitForRollout"], plan.Steps.Select(s => s.GetType().Name));
    }

    [Theory]
    [InlineData(VerdictCause.RolledOut, false, "", RemediationExit.RolledOut)]
    [InlineData(VerdictCause.UntoleratedTaint, false, "", RemediationExit.RolledOut)]
    [InlineData(VerdictCause.Progressing, false, "WaitForRollout", RemediationExit.NotFixed)]
    [InlineData(VerdictCause.SpecNotObserved, false, "WaitForRollout", RemediationExit.NotFixed)]
    [InlineData(VerdictCause.Stalled, false, "RolloutRestart WaitForRollout", RemediationExit.NotFixed)]
    [InlineData(VerdictCause.OldPodsCannotRun, false, "DeletePods WaitForRollout", RemediationExit.NotFixed)]
    [InlineData(VerdictCause.NewRevisionFailing, false, "", RemediationExit.CannotFixByRestart)]
    [InlineData(VerdictCause.NewRevisionFailing, true, "RolloutUndo WaitForRollout", RemediationExit.NotFixed)]
    [InlineData(VerdictCause.InsufficientResources, false, "", RemediationExit.CannotFixByRestart)]
    [InlineData(VerdictCause.HostPortConflict, false, "", RemediationExit.CannotFixByRestart)]
    [InlineData(VerdictCause.NodeNotReady, false, "", RemediationExit.CannotFixByRestart)]
    [InlineData(VerdictCause.Misscheduled, false, "", RemediationExit.CannotFixByRestart)]
    [InlineData(VerdictCause.OnDeleteWaiting, false, "", RemediationExit.Refused)]
    [InlineData(VerdictCause.OnDeleteWaiting, true, "DeletePods WaitForRollout", RemediationExit.NotFixed)]
    public void Each_cause_has_its_plan_and_a_dry_run_exits_as_the_plan_would_without_acting(VerdictCause cause, bool allowed, string steps, RemediationExit exit)
    {
        var causes = cause is VerdictCause.UntoleratedTaint ? new[] { cause, VerdictCause.RolledOut } : [cause];
        var rollout = VerdictRules.IsBenign(cause) ? Reports.Done : Reports.Stalled;

        var plan = RemediationPlanner.Plan(Reports.Of(rollout, causes), new RemediationPolicy { AllowUndo = allowed, AllowOnDelete = allowed });

        Assert.Equal((steps, exit), (string.Join(" ", plan.Steps.Select(s => s.GetType().Name)), plan.ExitWhenDone));
        Assert.Equal(plan.Steps.Count == 0 ? exit : RemediationExit.NotFixed, plan.ExitWithoutActing);
    }

    [Fact]
    public void Deletions_carry_the_batch_timeout_and_the_revision_replacements_must_have()
    {
        var plan = RemediationPlanner.Plan(Reports.Of(Reports.Stalled, VerdictCause.OldPodsCannotRun), new RemediationPolicy { BatchTimeout = TimeSpan.FromSeconds(42) });

        var delete = Assert.IsType<RemediationStep.DeletePods>(plan.Steps[0]);
        Assert.Equal((TimeSpan.FromSeconds(42), "abc123", 1), (delete.BatchTimeout, delete.Revision, delete.BatchSize));
    }
}
