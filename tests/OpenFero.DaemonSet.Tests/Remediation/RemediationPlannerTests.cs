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
            Assert.False(plan.Steps.Count == 0 && plan.ResultWhenDone == RemediationResult.RolledOut, $"{wrong} with {rollout.State}: rolled out without waiting");
            Assert.True(plan.Steps.Count == 0 || plan.Steps[^1] is RemediationStep.WaitForRollout, $"{wrong} with {rollout.State}: a plan that acts ends with the rollout wait");
        }
    }

    [Fact]
    public void A_known_false_alarm_alone_is_declined_without_waiting_and_is_no_warning()
    {
        var plan = RemediationPlanner.Plan(Reports.Of(Reports.Done, VerdictCause.AutoscalerFalseAlarm, VerdictCause.RolledOut), new RemediationPolicy());

        Assert.Equal((VerdictCause.AutoscalerFalseAlarm, 0, RemediationResult.Declined, true), (plan.Cause, plan.Steps.Count, plan.ResultWhenDone, plan.KnownFalseAlarm));
    }

    [Fact]
    public void Rolled_out_by_counts_but_not_by_kubectl_waits_for_kubectls_word()
    {
        var plan = RemediationPlanner.Plan(Reports.Of(Reports.OnDelete, VerdictCause.RolledOut), new RemediationPolicy());

        Assert.Equal(["WaitForRollout"], plan.Steps.Select(s => s.GetType().Name));
    }

    [Theory]
    [InlineData(VerdictCause.RolledOut, false, "", RemediationResult.RolledOut)]
    [InlineData(VerdictCause.UntoleratedTaint, false, "", RemediationResult.RolledOut)]
    [InlineData(VerdictCause.AutoscalerFalseAlarm, false, "", RemediationResult.Declined)]
    [InlineData(VerdictCause.Progressing, false, "WaitForRollout", RemediationResult.RolledOut)]
    [InlineData(VerdictCause.SpecNotObserved, false, "WaitForRollout", RemediationResult.RolledOut)]
    [InlineData(VerdictCause.Stalled, false, "RolloutRestart WatchProgress WaitForRollout", RemediationResult.RolledOut)]
    [InlineData(VerdictCause.OldPodsCannotRun, false, "DeletePods WatchProgress WaitForRollout", RemediationResult.RolledOut)]
    [InlineData(VerdictCause.NewRevisionFailing, false, "", RemediationResult.Declined)]
    [InlineData(VerdictCause.NewRevisionFailing, true, "RolloutUndo WatchProgress WaitForRollout", RemediationResult.RolledOut)]
    [InlineData(VerdictCause.PodCreationRefused, false, "", RemediationResult.Declined)]
    [InlineData(VerdictCause.InsufficientResources, false, "", RemediationResult.Declined)]
    [InlineData(VerdictCause.HostPortConflict, false, "", RemediationResult.Declined)]
    [InlineData(VerdictCause.NodeNotReady, false, "", RemediationResult.Declined)]
    [InlineData(VerdictCause.Misscheduled, false, "", RemediationResult.Declined)]
    [InlineData(VerdictCause.OnDeleteWaiting, false, "", RemediationResult.Declined)]
    [InlineData(VerdictCause.OnDeleteWaiting, true, "DeletePods WatchProgress WaitForRollout", RemediationResult.RolledOut)]
    public void Each_cause_has_its_plan_and_the_result_it_ends_with_once_its_steps_are_done(VerdictCause cause, bool allowed, string steps, RemediationResult result)
    {
        var causes = cause is VerdictCause.UntoleratedTaint ? new[] { cause, VerdictCause.RolledOut } : [cause];
        var rollout = VerdictRules.IsBenign(cause) ? Reports.Done : Reports.Stalled;

        var plan = RemediationPlanner.Plan(Reports.Of(rollout, causes), new RemediationPolicy { AllowUndo = allowed, AllowOnDelete = allowed });

        Assert.Equal((steps, result), (string.Join(" ", plan.Steps.Select(s => s.GetType().Name)), plan.ResultWhenDone));
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
        var rows = typeof(RemediationPlannerTests).GetMethod(nameof(Each_cause_has_its_plan_and_the_result_it_ends_with_once_its_steps_are_done))!
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
    public void A_refused_pod_creation_is_declined_with_the_refusals_own_fix()
    {
        var refusal = new CreationRefusal("exceeded quota: pods-limit (pods=3/3)", "pods \"agent-\" is forbidden: exceeded quota: pods-limit, requested: pods=1, used: pods=3, limited: pods=3",
            4, OpenFero.DaemonSet.Tests.Analysis.Snapshots.Now, "raise the ResourceQuota pods-limit in default")
        { Quota = "pods-limit" };
        var report = Reports.Of(Reports.Stalled, VerdictCause.PodCreationRefused) with
        {
            NotScheduled = [new UnscheduledNode("node-1", UnscheduledReason.CreationRefused, "refused", null) { Refusal = refusal }],
        };

        var plan = RemediationPlanner.Plan(report, new RemediationPolicy());

        Assert.Equal((0, RemediationResult.Declined, "raise the ResourceQuota pods-limit in default"), (plan.Steps.Count, plan.ResultWhenDone, plan.Recommendation));
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
                (RemediationResult.Declined, $"{ns}/agent: not remediated: namespace {ns} is not allowed (Runner__AllowNamespaces, Runner__DenyNamespaces)", "its namespace is not allowed"),
                (logged.Outcome.Result, logged.Summary, logged.Reason));
        }
    }

    [Fact]
    public void A_daemonset_that_is_gone_is_declined_with_nothing_left_to_remediate()
    {
        var refusal = Assert.IsType<RemediationRefusal.Recorded>(RemediationPlanner.Refusal(Target, (V1DaemonSet?)null));

        Assert.Equal(
            (RemediationResult.Declined, RemediationExit.Done, "daemonset monitoring/node-exporter not found: nothing left to remediate"),
            (refusal.Outcome.Result, refusal.Outcome.Exit, refusal.Summary));
    }

    [Fact]
    public void An_opted_out_daemonset_is_declined_with_a_sentence_for_its_event()
    {
        var refusal = RemediationPlanner.Refusal(Target, DaemonSet(("openfero.io/remediation", "disabled")));

        Assert.Equal(
            new RemediationRefusal.Recorded(
                "monitoring/node-exporter: annotation openfero.io/remediation=disabled: nothing done",
                "Declined: its owners opted it out with the annotation openfero.io/remediation=disabled."),
            refusal);
    }

    [Fact]
    public void Only_disabled_opts_out()
    {
        Assert.Equal(
            [null, null, null],
            new[] { DaemonSet(), DaemonSet(("openfero.io/remediation", "enabled")), DaemonSet(("other", "disabled")) }.Select(ds => RemediationPlanner.Refusal(Target, ds)));
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
