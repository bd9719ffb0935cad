using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>A plan in one paragraph, for the log, the Event and the termination message.</summary>
public static class PlanText
{
    public static string Paragraph(DaemonSetTarget target, DaemonSetReport report, RemediationPlan plan)
    {
        var steps = string.Join(", ", plan.Steps.Select(Describe));
        var others = report.Causes.Skip(1).Select(c => $"{c.Summary} [{c.Cause}]").ToList();
        return $"{target}: {plan.Summary} [{plan.Cause}]" +
            (others.Count == 0 ? "" : $"; also: {string.Join("; ", others)}") +
            $"; plan: {(steps.Length == 0 ? "nothing to do" : steps)}" +
            (plan.Recommendation is null ? "" : $"; {plan.Recommendation}") + ".";
    }

    public static string Describe(RemediationStep step) => step switch
    {
        RemediationStep.DeletePods { Misscheduled: true } d => $"delete {string.Join(", ", d.Pods.Select(p => $"{p.Name} on {p.Node} ({p.Reason})"))}",
        RemediationStep.DeletePods d => $"delete {string.Join(", ", d.Pods.Select(p => $"{p.Name} on {p.Node}{(p.Force ? " (force)" : "")}"))} in batches of {d.BatchSize}, each replaced within {HumanDuration.Format(d.BatchTimeout)}",
        RemediationStep.RolloutRestart => "rollout restart",
        RemediationStep.RolloutUndo => "rollout undo",
        RemediationStep.WatchProgress w => $"watch up to {HumanDuration.Format(w.Timeout)} for progress",
        RemediationStep.WaitForRollout w => $"wait up to {HumanDuration.Format(w.Timeout)} for the rollout",
        _ => step.GetType().Name,
    };
}
