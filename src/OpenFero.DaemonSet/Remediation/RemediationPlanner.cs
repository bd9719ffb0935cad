using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The plan a careful SRE would follow, by the most severe cause: replace old pods that cannot run, within the
/// budget; never restart a broken new revision (report it, undo only when allowed); report what a restart cannot
/// fix; leave OnDelete DaemonSets alone; otherwise restart the rollout; then wait for it. Only two plans end
/// without kubectl's judgement: kubectl already says "successfully rolled out", or a known false alarm is all
/// there is. Anything else that ends well ends with a wait for the rollout, which decides whether it rolled
/// out; a plan that will not act is declined. Misscheduled pods are deleted only when opted in, and only where the
/// DaemonSet controller itself would (<see cref="MisscheduledPods"/>). The runner's guards are decided here
/// too: a namespace it may not act in, a DaemonSet that is gone or opted out, a dry run (a plan that only speaks).
/// </summary>
public static class RemediationPlanner
{
    /// <summary>The guard before anything is read: the namespace lists (<see cref="RemediationPolicy.AllowsNamespace"/>).</summary>
    public static RemediationRefusal? Refusal(DaemonSetTarget target, RemediationPolicy policy) =>
        policy.AllowsNamespace(target.Namespace)
            ? null
            : new RemediationRefusal.Logged(
                $"{target}: not remediated: namespace {target.Namespace} is not allowed (Runner__AllowNamespaces, Runner__DenyNamespaces)",
                "its namespace is not allowed");

    /// <summary>The guards once the DaemonSet is read: it exists, and its owners have not opted it out.</summary>
    public static RemediationRefusal? Refusal(DaemonSetTarget target, V1DaemonSet? daemonSet)
    {
        if (daemonSet is null)
        {
            return new RemediationRefusal.Recorded($"daemonset {target} not found: nothing left to remediate", $"Declined: daemonset {target} not found, nothing left to remediate.");
        }

        if (daemonSet.Metadata?.Annotations?.TryGetValue(RemediationPolicy.OptOutAnnotation, out var optOut) == true && optOut == "disabled")
        {
            return new RemediationRefusal.Recorded($"{target}: annotation {RemediationPolicy.OptOutAnnotation}=disabled: nothing done",
                $"Declined: its owners opted it out with the annotation {RemediationPolicy.OptOutAnnotation}=disabled.");
        }

        return null;
    }

    /// <summary>
    /// The plan by cause, each rung of the ladder followed by a bounded watch for progress
    /// (<see cref="LadderRungs.WithProgressWatches"/>).
    /// </summary>
    public static RemediationPlan Plan(DaemonSetReport report, RemediationPolicy policy)
    {
        var plan = ByCause(report, policy);
        return plan with { Steps = LadderRungs.WithProgressWatches(plan.Steps, policy.StepProgressTimeout), DryRun = policy.DryRun };
    }

    private static RemediationPlan ByCause(DaemonSetReport report, RemediationPolicy policy)
    {
        var verdict = report.Verdict;
        var wait = new RemediationStep.WaitForRollout(policy.RolloutTimeout);
        var budget = Math.Max(1, report.Status?.ResolvedMaxUnavailable ?? 1);
        var nothingWrong = report.Causes.All(c => VerdictRules.IsBenign(c.Cause));
        return verdict.Cause switch
        {
            VerdictCause.RolledOut or VerdictCause.UntoleratedTaint when nothingWrong && report.Rollout is { Done: true, Error: null } =>
                new(verdict.Cause, verdict.Summary, [], null, RemediationResult.RolledOut),
            VerdictCause.AutoscalerFalseAlarm when nothingWrong =>
                new(verdict.Cause, verdict.Summary, [], "add a ToBeDeletedByClusterAutoscaler toleration if the agent should run until the node goes", RemediationResult.Declined),
            VerdictCause.RolledOut or VerdictCause.UntoleratedTaint or VerdictCause.AutoscalerFalseAlarm =>
                new(verdict.Cause, verdict.Summary, [wait], null, RemediationResult.RolledOut),
            VerdictCause.OldPodsCannotRun =>
                Deleting(report, StuckOldPods(report), policy, wait),
            VerdictCause.NewRevisionFailing when policy.AllowUndo =>
                new(verdict.Cause, verdict.Summary, [new RemediationStep.RolloutUndo(report.Status?.Revision), wait], null, RemediationResult.RolledOut),
            VerdictCause.NewRevisionFailing =>
                new(verdict.Cause, verdict.Summary, [], $"the new template is broken: fix it, or kubectl rollout undo daemonset/{report.Name} -n {report.Namespace}", RemediationResult.Declined),
            VerdictCause.Misscheduled when policy.DeleteMisscheduledPods =>
                Misscheduled(report, budget, policy, wait),
            VerdictCause.PodCreationRefused or VerdictCause.InsufficientResources or VerdictCause.HostPortConflict or VerdictCause.NodeNotReady or VerdictCause.Misscheduled =>
                new(verdict.Cause, verdict.Summary, [], Recommendation(report, verdict.Cause), RemediationResult.Declined),
            VerdictCause.OnDeleteWaiting when policy.AllowOnDelete =>
                Deleting(report, OldPods(report), policy, wait),
            VerdictCause.OnDeleteWaiting =>
                new(verdict.Cause, verdict.Summary, [], "OnDelete DaemonSets are left to their owners: delete the old pods when ready, or set Runner__AllowOnDelete=true", RemediationResult.Declined),
            VerdictCause.SpecNotObserved or VerdictCause.Progressing =>
                new(verdict.Cause, verdict.Summary, [wait], null, RemediationResult.RolledOut),
            _ => new(verdict.Cause, verdict.Summary, [new RemediationStep.RolloutRestart(), wait], null, RemediationResult.RolledOut),
        };
    }

    private static RemediationPlan Misscheduled(DaemonSetReport report, int budget, RemediationPolicy policy, RemediationStep.WaitForRollout wait)
    {
        var decisions = MisscheduledPods.Decide(report, budget);
        var pods = MisscheduledPods.ToDelete(report, decisions);
        var kept = MisscheduledPods.Kept(decisions);
        return pods.Count == 0
            ? new(VerdictCause.Misscheduled, report.Verdict.Summary, [], string.Join("; ", new[] { kept, Recommendation(report, VerdictCause.Misscheduled) }.OfType<string>()), RemediationResult.Declined) { Misscheduled = decisions }
            : new(VerdictCause.Misscheduled, report.Verdict.Summary, [Delete(pods, budget, report, policy) with { Misscheduled = true }, wait], kept, RemediationResult.RolledOut) { Misscheduled = decisions };
    }

    /// <summary>Delete <paramref name="pods"/> within the node-level budget (<see cref="DeletionBudget"/>), then wait; declined when the budget leaves none.</summary>
    private static RemediationPlan Deleting(DaemonSetReport report, List<PodToDelete> pods, RemediationPolicy policy, RemediationStep.WaitForRollout wait)
    {
        var allowed = DeletionBudget.Allow(report, pods);
        return allowed is { Pods.Count: 0, Held: not null }
            ? new(report.Verdict.Cause, report.Verdict.Summary, [], $"{allowed.Held}: nothing deleted now", RemediationResult.Declined)
            : new(report.Verdict.Cause, report.Verdict.Summary, [Delete([.. allowed.Pods], allowed.BatchSize, report, policy), wait], allowed.Held, RemediationResult.RolledOut);
    }

    private static RemediationStep.DeletePods Delete(List<PodToDelete> pods, int budget, DaemonSetReport report, RemediationPolicy policy) =>
        new(pods, budget, policy.BatchTimeout, report.Status?.Revision);

    private static List<PodToDelete> StuckOldPods(DaemonSetReport report) =>
        [.. report.Pods.Where(p => !p.Updated && PodClassifier.IsStuck(p.Condition))
            .Select(p => new PodToDelete(p.Name, p.Uid, p.Node, p.Condition, Force: p.Condition is PodCondition.TerminatingTooLong or PodCondition.Unknown))];

    private static List<PodToDelete> OldPods(DaemonSetReport report) =>
        [.. report.Pods.Where(p => !p.Updated && p.Condition != PodCondition.Terminating).Select(p => new PodToDelete(p.Name, p.Uid, p.Node, p.Condition, Force: false))];

    private static string Recommendation(DaemonSetReport report, VerdictCause cause) =>
        report.Health.FirstOrDefault(h => h.Code == HealthAnalysis.CauseCode(cause))?.Recommendation ?? cause switch
        {
            VerdictCause.PodCreationRefused => report.NotScheduled.Select(n => n.Refusal?.Recommendation).OfType<string>().FirstOrDefault()
                ?? "the API server refuses the daemon pod (see the DaemonSet's FailedCreate events): fix what it names; a restart cannot help",
            VerdictCause.HostPortConflict => "free the host port on the node, or use the OnDelete strategy for host-port agents",
            VerdictCause.NodeNotReady => "bring the node back or delete the Node object; a restart cannot place a pod on a dead node",
            VerdictCause.Misscheduled => "fix the DaemonSet's nodeSelector/tolerations or the node's labels/taints, then delete the misplaced pods",
            _ => "see the analysis",
        };
}
