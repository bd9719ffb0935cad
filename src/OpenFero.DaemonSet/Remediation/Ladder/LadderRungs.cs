using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The ladder, least invasive first: delete old pods that can never finish, then a rollout restart, then an undo
/// (only when allowed). The planner picks the rungs the analysis says can help; here each is followed by a bounded
/// watch for progress, so the run stops at a rung that did not help instead of climbing on blindly.
/// </summary>
public static class LadderRungs
{
    /// <summary><paramref name="steps"/> with a <see cref="RemediationStep.WatchProgress"/> after each rung.</summary>
    public static IReadOnlyList<RemediationStep> WithProgressWatches(IReadOnlyList<RemediationStep> steps, TimeSpan timeout) =>
        [.. steps.SelectMany(step => IsRung(step) ? [step, new RemediationStep.WatchProgress(timeout)] : new[] { step })];

    /// <summary>
    /// A step that changes the DaemonSet or its pods so that the rollout should move. Deleting misscheduled pods is
    /// not one: no pod replaces them, and their effect is seen at once.
    /// </summary>
    public static bool IsRung(RemediationStep step) => step is RemediationStep.DeletePods { Misscheduled: false }
        or RemediationStep.RolloutRestart or RemediationStep.RolloutUndo;

    /// <summary>A rung in a few words, as "step N (…) did not help" names it.</summary>
    public static string Name(RemediationStep step) => step switch
    {
        RemediationStep.DeletePods { Misscheduled: true } => "delete misscheduled pods",
        RemediationStep.DeletePods { Pods: var pods } when pods.All(p => PodClassifier.IsStuck(p.Condition)) => "delete stuck pods",
        RemediationStep.DeletePods => "delete old pods",
        RemediationStep.RolloutRestart => "rollout restart",
        RemediationStep.RolloutUndo => "rollout undo",
        _ => PlanText.Describe(step),
    };
}
