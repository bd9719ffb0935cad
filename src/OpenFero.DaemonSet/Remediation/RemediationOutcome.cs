namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// How a run ended: its <see cref="RemediationResult"/>, one paragraph saying what was found, planned and done, and
/// the exit that follows from them.
/// </summary>
public sealed record RemediationOutcome(RemediationResult Result, string Summary)
{
    /// <summary>An <see cref="RemediationResult.Error"/> because Kubernetes failed, not because of the run's own context.</summary>
    public bool KubernetesFailed { get; init; }

    public RemediationExit Exit => RemediationExits.Of(Result, KubernetesFailed);

    /// <summary><c>&lt;outcome&gt;: &lt;summary&gt;</c>, as the pod's termination message carries it.</summary>
    public string TerminationMessage => RemediationResults.TerminationMessage(Result, Summary);

    public static RemediationOutcome RolledOut(string summary) => new(RemediationResult.RolledOut, summary);

    public static RemediationOutcome Declined(string summary) => new(RemediationResult.Declined, summary);

    public static RemediationOutcome DryRun(string summary) => new(RemediationResult.DryRun, summary);

    public static RemediationOutcome Analyzed(string summary) => new(RemediationResult.Analyzed, summary);

    public static RemediationOutcome NotRolledOut(string summary) => new(RemediationResult.NotRolledOut, summary);

    /// <summary>Missing <c>OPENFERO_*</c>, a bad setting, no usable kubeconfig.</summary>
    public static RemediationOutcome InvalidContext(string summary) => new(RemediationResult.Error, summary);

    /// <summary>Kubernetes out of reach or refusing before anything was changed.</summary>
    public static RemediationOutcome KubernetesUnavailable(string summary) => new(RemediationResult.Error, summary) { KubernetesFailed = true };
}
