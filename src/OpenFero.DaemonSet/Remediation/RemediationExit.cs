namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The runner's exit codes, which follow from its <see cref="RemediationResult"/> (<see cref="RemediationExits.Of"/>):
/// 0 when it did its job, including a reasoned refusal; non-zero only when a person has more to look at than the
/// outcome. A run stopped by SIGTERM exits 143.
/// </summary>
public enum RemediationExit
{
    /// <summary>Rolled out, declined, a dry run, analysed only, held, or stopped because the approved plan no longer fits.</summary>
    Done = 0,

    /// <summary>It acted and the DaemonSet did not roll out.</summary>
    NotRolledOut = 1,

    /// <summary>Missing <c>OPENFERO_*</c>, a bad setting, no usable kubeconfig.</summary>
    InvalidContext = 2,

    /// <summary>Kubernetes out of reach, or refusing, before the run changed anything.</summary>
    KubernetesUnavailable = 3,
}

/// <summary>The one place an outcome's exit is decided.</summary>
public static class RemediationExits
{
    /// <param name="result">How the run ended.</param>
    /// <param name="kubernetesFailed">For an <see cref="RemediationResult.Error"/>: Kubernetes failed, not the run's own context.</param>
    public static RemediationExit Of(RemediationResult result, bool kubernetesFailed) => result switch
    {
        RemediationResult.RolledOut or RemediationResult.Declined or RemediationResult.DryRun or RemediationResult.Analyzed
            or RemediationResult.Held or RemediationResult.SituationChanged or RemediationResult.Expired => RemediationExit.Done,
        RemediationResult.NotRolledOut => RemediationExit.NotRolledOut,
        _ when kubernetesFailed => RemediationExit.KubernetesUnavailable,
        _ => RemediationExit.InvalidContext,
    };
}
