using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>A pod to delete, with the UID the deletion is conditioned on and why.</summary>
public sealed record PodToDelete(string Name, string Uid, string? Node, PodCondition Condition, bool Force)
{
    /// <summary>Why it is deleted, when its condition does not say it: a misscheduled pod's placement rule.</summary>
    public string? Reason { get; init; }
}

/// <summary>One step of a remediation, in the order it runs.</summary>
public abstract record RemediationStep
{
    /// <summary>
    /// Delete these pods, at most <paramref name="BatchSize"/> at a time; each batch's nodes must run an available
    /// replacement (of <paramref name="Revision"/> under RollingUpdate) within <paramref name="BatchTimeout"/> before the next.
    /// </summary>
    public sealed record DeletePods(IReadOnlyList<PodToDelete> Pods, int BatchSize, TimeSpan BatchTimeout, string? Revision) : RemediationStep
    {
        /// <summary>Misscheduled pods: no pod belongs on their nodes, so no replacement is waited for.</summary>
        public bool Misscheduled { get; init; }
    }

    /// <summary><c>kubectl rollout restart</c>: stamp <c>kubectl.kubernetes.io/restartedAt</c> on the pod template.</summary>
    public sealed record RolloutRestart : RemediationStep;

    /// <summary><c>kubectl rollout undo</c>: put the previous revision's template back, if <paramref name="JudgedRevision"/> is still the current one.</summary>
    public sealed record RolloutUndo(string? JudgedRevision) : RemediationStep;

    /// <summary>
    /// After a rung of the ladder (a deletion of stuck pods, a restart, an undo): watch for at most
    /// <paramref name="Timeout"/> for the rollout to move; if nothing moved, the run stops there.
    /// </summary>
    public sealed record WatchProgress(TimeSpan Timeout) : RemediationStep;

    /// <summary>Wait until kubectl would say "successfully rolled out".</summary>
    public sealed record WaitForRollout(TimeSpan Timeout) : RemediationStep;
}

/// <summary>
/// What to do about a DaemonSet and why. <see cref="ResultWhenDone"/> is how a plan ends once its steps are done: a
/// plan with no steps ends there (already rolled out, or declined); a plan with steps ends with the wait for the
/// rollout, which decides. A <see cref="DryRun"/> plan is only told: it ends <see cref="RemediationResult.DryRun"/>.
/// </summary>
public sealed record RemediationPlan(
    VerdictCause Cause,
    string Summary,
    IReadOnlyList<RemediationStep> Steps,
    string? Recommendation,
    RemediationResult ResultWhenDone)
{
    public bool DryRun { get; init; }

    /// <summary>Each misscheduled pod deleted or kept, and why (<c>Runner:DeleteMisscheduledPods</c>); empty otherwise.</summary>
    public IReadOnlyList<MisscheduledPodDecision> Misscheduled { get; init; } = [];

    /// <summary>Declined for a known false alarm alone: nobody needs to act, so it is no warning.</summary>
    public bool KnownFalseAlarm => Cause == VerdictCause.AutoscalerFalseAlarm && Steps.Count == 0;
}
