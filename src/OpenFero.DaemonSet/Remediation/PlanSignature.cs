namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// What a plan would do, in one line that two plans share exactly when they would do the same: the cause, each step's
/// kind and the pods it deletes, and how a plan without steps ends. Timeouts and wording are left out: they follow
/// from the settings, not from the cluster. The server writes it on a Job that waits for approval
/// (<c>OPENFERO_APPROVED_PLAN</c>); the runner stops when the plan it finds has another (<see cref="RemediationResult.SituationChanged"/>).
/// </summary>
public static class PlanSignature
{
    /// <summary>The environment variable that carries the approved plan's signature into the Job's containers.</summary>
    public const string Variable = "OPENFERO_APPROVED_PLAN";

    public static string Of(RemediationPlan plan) =>
        $"{plan.Cause}: " + (plan.Steps.Count == 0 ? $"nothing ({plan.ResultWhenDone.WireName()})" : string.Join(", ", plan.Steps.Select(Step)));

    /// <summary>The signature of a DaemonSet that was not found: the runner declines it, whatever was approved.</summary>
    public const string NotFound = "NotFound: nothing (declined)";

    private static string Step(RemediationStep step) => step switch
    {
        RemediationStep.DeletePods delete => $"delete {string.Join(" ", delete.Pods.Select(p => p.Name).Order(StringComparer.Ordinal))}",
        RemediationStep.RolloutRestart => "restart",
        RemediationStep.RolloutUndo => "undo",
        RemediationStep.WaitForRollout => "wait",
        _ => step.GetType().Name,
    };
}
