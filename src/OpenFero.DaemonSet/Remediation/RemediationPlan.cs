using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>A pod to delete, with the UID the deletion is conditioned on and why.</summary>
public sealed record PodToDelete(string Name, string Uid, string? Node, PodCondition Condition, bool Force);

/// <summary>One step of a remediation, in the order it runs.</summary>
public abstract record RemediationStep
{
    /// <summary>
    /// Delete these pods, at most <paramref name="BatchSize"/> at a time; each batch's nodes must run an available
    /// replacement (of <paramref name="Revision"/> under RollingUpdate) within <paramref name="BatchTimeout"/> before the next.
    /// </summary>
    public sealed record DeletePods(IReadOnlyList<PodToDelete> Pods, int BatchSize, TimeSpan BatchTimeout, string? Revision) : RemediationStep;

    /// <summary><c>kubectl rollout restart</c>: stamp <c>kubectl.kubernetes.io/restartedAt</c> on the pod template.</summary>
    public sealed record RolloutRestart : RemediationStep;

    /// <summary><c>kubectl rollout undo</c>: put the previous revision's template back, if <paramref name="JudgedRevision"/> is still the current one.</summary>
    public sealed record RolloutUndo(string? JudgedRevision) : RemediationStep;

    /// <summary>Wait until kubectl would say "successfully rolled out".</summary>
    public sealed record WaitForRollout(TimeSpan Timeout) : RemediationStep;
}

/// <summary>
/// What to do about a DaemonSet and why. <see cref="ExitWhenDone"/> is the exit of a plan with no steps (nothing to do,
/// or a refusal); a plan with steps ends with the wait for the rollout, which decides. A <see cref="DryRun"/> plan is
/// only told: it ends with <see cref="ExitWithoutActing"/>.
/// </summary>
public sealed record RemediationPlan(
    VerdictCause Cause,
    string Summary,
    IReadOnlyList<RemediationStep> Steps,
    string? Recommendation,
    RemediationExit ExitWhenDone)
{
    public bool DryRun { get; init; }

    /// <summary>The exit of a run that does not act (a dry run): a plan with steps has fixed nothing.</summary>
    public RemediationExit ExitWithoutActing => Steps.Count == 0 ? ExitWhenDone : RemediationExit.NotFixed;
}

/// <summary>The runner's exit codes: 0 only when kubectl would say "successfully rolled out" (or only a known false alarm was found).</summary>
public enum RemediationExit
{
    RolledOut = 0,
    NotFixed = 1,
    InvalidContext = 2,
    CannotFixByRestart = 3,
    Refused = 4,
    NotFound = 5,
}
