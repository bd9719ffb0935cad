using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>The plan for each cause and the runner's guards, as pure functions of a report, a DaemonSet and the policy.</summary>
public sealed class RemediationPlannerTests
{
    private static readonly DaemonSetTarget Target = new("monitoring", "node-exporter");

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
    [InlineData(VerdictCause.AutoscalerFalseAlarm, false, "", RemediationExit.RolledOut)]
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

    [Fact]
    public void Every_cause_the_analysis_can_report_has_its_row_above()
    {
        var rows = typeof(RemediationPlannerTests).GetMethod(nameof(Each_cause_has_its_plan_and_a_dry_run_exits_as_the_plan_would_without_acting))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(row => (VerdictCause)row.Data[0]!);

        Assert.Equal(Enum.GetValues<VerdictCause>().Order(), rows.Distinct().Order());
    }

    [Fact]
    public void Old_pods_that_cannot_run_are_deleted_forcefully_only_when_their_kubelet_cannot_answer()
    {
        var report = Reports.Of(Reports.Stalled, VerdictCause.OldPodsCannotRun) with
        {
            Pods =
            [
                Pod("crashing", PodCondition.CrashLoopBackOff, updated: false),
                Pod("lost", PodCondition.Unknown, updated: false),
                Pod("healthy-old", PodCondition.Healthy, updated: false),
                Pod("new", PodCondition.CrashLoopBackOff, updated: true),
            ],
        };

        var delete = Assert.IsType<RemediationStep.DeletePods>(RemediationPlanner.Plan(report, new RemediationPolicy()).Steps[0]);

        Assert.Equal([("crashing", false), ("lost", true)], delete.Pods.Select(p => (p.Name, p.Force)));
    }

    [Fact]
    public void A_cause_a_restart_cannot_fix_recommends_what_the_analysis_found_or_a_default()
    {
        var report = Reports.Of(Reports.Stalled, VerdictCause.InsufficientResources) with
        {
            Health = [new HealthFinding(HealthAnalysis.CauseCode(VerdictCause.InsufficientResources)!, Severity.Critical, "no room", "lower the requests")],
        };

        Assert.Equal(
            ("lower the requests", "bring the node back or delete the Node object; a restart cannot place a pod on a dead node"),
            (RemediationPlanner.Plan(report, new RemediationPolicy()).Recommendation,
                RemediationPlanner.Plan(Reports.Of(Reports.Stalled, VerdictCause.NodeNotReady), new RemediationPolicy()).Recommendation));
    }

    [Fact]
    public void A_broken_new_revision_is_undone_only_if_still_the_revision_judged()
    {
        var plan = RemediationPlanner.Plan(Reports.Of(Reports.Stalled, VerdictCause.NewRevisionFailing), new RemediationPolicy { AllowUndo = true });

        Assert.Equal("abc123", Assert.IsType<RemediationStep.RolloutUndo>(plan.Steps[0]).JudgedRevision);
    }

    [Fact]
    public void The_rollout_wait_is_the_policys()
    {
        var plan = RemediationPlanner.Plan(Reports.Of(Reports.Stalled, VerdictCause.Stalled), new RemediationPolicy { RolloutTimeout = TimeSpan.FromSeconds(90) });

        Assert.Equal(TimeSpan.FromSeconds(90), Assert.IsType<RemediationStep.WaitForRollout>(plan.Steps[^1]).Timeout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_dry_run_is_the_same_plan_marked_to_be_told_only(bool dryRun)
    {
        var report = Reports.Of(Reports.Stalled, VerdictCause.Stalled);

        var plan = RemediationPlanner.Plan(report, new RemediationPolicy { DryRun = dryRun });

        Assert.Equal(dryRun, plan.DryRun);
        Assert.Equal(RemediationPlanner.Plan(report, new RemediationPolicy()).Steps, plan.Steps);
    }

    [Theory]
    [InlineData("", "", "monitoring", false)]
    [InlineData("", "", "kube-system", true)]
    [InlineData("logging", "", "monitoring", true)]
    [InlineData("", "monitoring", "monitoring", true)]
    [InlineData("monitoring", "", "monitoring", false)]
    public void A_namespace_the_lists_do_not_allow_is_refused_before_reading(string allow, string deny, string ns, bool refused)
    {
        var policy = new RemediationPolicy
        {
            AllowNamespaces = [.. allow.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            DenyNamespaces = [.. deny.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        };

        var refusal = RemediationPlanner.Refusal(new DaemonSetTarget(ns, "agent"), policy);

        Assert.Equal(refused, refusal is not null);
        if (refusal is not null)
        {
            var logged = Assert.IsType<RemediationRefusal.Logged>(refusal);
            Assert.Equal(
                (RemediationExit.Refused, $"{ns}/agent: not remediated: namespace {ns} is not allowed (Runner__AllowNamespaces, Runner__DenyNamespaces)", "its namespace is not allowed"),
                (logged.Exit, logged.Summary, logged.Reason));
        }
    }

    [Fact]
    public void A_daemonset_that_is_gone_is_not_found()
    {
        var refusal = Assert.IsType<RemediationRefusal.Logged>(RemediationPlanner.Refusal(Target, null, new RemediationPolicy()));

        Assert.Equal((RemediationExit.NotFound, "daemonset monitoring/node-exporter not found"), (refusal.Exit, refusal.Summary));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_opted_out_daemonset_is_refused_with_an_event_unless_dry_run(bool dryRun)
    {
        var refusal = RemediationPlanner.Refusal(Target, DaemonSet(("openfero.io/remediation", "disabled")), new RemediationPolicy { DryRun = dryRun });

        Assert.Equal(
            new RemediationRefusal.Recorded(
                RemediationExit.Refused,
                "monitoring/node-exporter: annotation openfero.io/remediation=disabled: nothing done",
                "RemediationSkipped",
                "annotation openfero.io/remediation=disabled: nothing done",
                dryRun),
            refusal);
    }

    [Fact]
    public void Only_disabled_opts_out()
    {
        var policy = new RemediationPolicy();

        Assert.Equal(
            [null, null, null],
            new[] { DaemonSet(), DaemonSet(("openfero.io/remediation", "enabled")), DaemonSet(("other", "disabled")) }.Select(ds => RemediationPlanner.Refusal(Target, ds, policy)));
    }

    [Fact]
    public void The_runner_reads_again_while_the_spec_is_not_observed_then_plans_with_what_it_has()
    {
        var unobserved = Reports.Of(Reports.Stalled, VerdictCause.SpecNotObserved);
        var stalled = Reports.Of(Reports.Stalled, VerdictCause.Stalled);

        Assert.Equal(
            (SpecObservation.Interval, (TimeSpan?)null, (TimeSpan?)null),
            (SpecObservation.WaitBeforeJudging(unobserved, SpecObservation.Checks - 1), SpecObservation.WaitBeforeJudging(unobserved, SpecObservation.Checks), SpecObservation.WaitBeforeJudging(stalled, 0)));
    }

    private static V1DaemonSet DaemonSet(params (string Key, string Value)[] annotations) => new()
    {
        Metadata = new V1ObjectMeta { Name = "node-exporter", NamespaceProperty = "monitoring", Annotations = annotations.ToDictionary(a => a.Key, a => a.Value) },
    };

    private static PodReport Pod(string name, PodCondition condition, bool updated) =>
        new(name, $"uid-{name}", $"node-{name}", "Running", false, 0, condition, null, updated, TimeSpan.FromMinutes(5), null, null);
}
