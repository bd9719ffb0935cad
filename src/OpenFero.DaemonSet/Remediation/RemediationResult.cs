namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// How a remediation run ended, as people and tools read it: the pod's termination message starts with its
/// <see cref="RemediationResults.WireName"/> (<c>declined: …</c>), the server copies it to the Job
/// (<c>openfero.io/outcome</c>), the history API, the Operarius status and the metrics.
/// <para>
/// The Job contract: the runner exits 0 when it did its job — <see cref="RolledOut"/>, <see cref="Declined"/> (a
/// reasoned refusal), <see cref="DryRun"/>, <see cref="Analyzed"/>, <see cref="Held"/>, <see cref="SituationChanged"/> — and non-zero only when it tried and the DaemonSet did not recover
/// (<see cref="NotRolledOut"/>) or it could not work (<see cref="Error"/>). So kube-prometheus-stack's
/// <c>KubeJobFailed</c> fires only when a person has something to look at beyond the outcome.
/// </para>
/// </summary>
public enum RemediationResult
{
    /// <summary>kubectl would say "successfully rolled out" (after the steps, or already).</summary>
    RolledOut,

    /// <summary>A reasoned refusal: a broken revision, a full node, OnDelete, opted out, a known false alarm, not found.</summary>
    Declined,

    /// <summary>Planned only (<c>Runner:DryRun</c>): nothing was written to the cluster.</summary>
    DryRun,

    /// <summary>It acted and the DaemonSet did not roll out in time.</summary>
    NotRolledOut,

    /// <summary>It could not work: missing <c>OPENFERO_*</c>, a bad setting, Kubernetes out of reach before it changed anything.</summary>
    Error,

    /// <summary>Analysed only (<c>Runner:AnalyzeOnly</c>): the analysis was reported, nothing in the cluster was changed.</summary>
    Analyzed,

    /// <summary>
    /// Held before the first change: alerts that say the cluster is unwell fire around the DaemonSet, or Alertmanager
    /// could not be asked. Nothing was changed, so no cooldown follows: the alert's next delivery asks again.
    /// </summary>
    Held,

    /// <summary>
    /// The plan a person approved is not the plan the runner finds now (the rollout finished, another cause
    /// appeared, the stuck pods changed): it stopped before acting, nothing in the cluster was changed.
    /// </summary>
    SituationChanged,

    /// <summary>
    /// Nobody approved the suspended Job within <c>Remediation:ApprovalTimeout</c>: the server deleted it, nothing
    /// ran. Recorded by the server, never by a run.
    /// </summary>
    Expired,
}

/// <summary>The wire names of <see cref="RemediationResult"/> and how a termination message carries one.</summary>
public static class RemediationResults
{
    /// <summary>The Job annotation the server copies the outcome to.</summary>
    public const string OutcomeAnnotation = "openfero.io/outcome";

    public static string WireName(this RemediationResult result) => result switch
    {
        RemediationResult.RolledOut => "rolledOut",
        RemediationResult.Declined => "declined",
        RemediationResult.DryRun => "dryRun",
        RemediationResult.NotRolledOut => "notRolledOut",
        RemediationResult.Analyzed => "analyzed",
        RemediationResult.Held => "held",
        RemediationResult.SituationChanged => "situationChanged",
        RemediationResult.Expired => "expired",
        _ => "error",
    };

    /// <summary>Whether a run with this outcome changed the cluster, so a cooldown follows it.</summary>
    public static bool ChangedTheCluster(this RemediationResult result) => result is RemediationResult.RolledOut or RemediationResult.NotRolledOut;

    /// <summary>The termination message: <c>&lt;outcome&gt;: &lt;summary&gt;</c>.</summary>
    public static string TerminationMessage(RemediationResult result, string summary) => $"{result.WireName()}: {summary}";

    public static RemediationResult? Parse(string? wireName) => wireName switch
    {
        "rolledOut" => RemediationResult.RolledOut,
        "declined" => RemediationResult.Declined,
        "dryRun" => RemediationResult.DryRun,
        "notRolledOut" => RemediationResult.NotRolledOut,
        "error" => RemediationResult.Error,
        "analyzed" => RemediationResult.Analyzed,
        "held" => RemediationResult.Held,
        "situationChanged" => RemediationResult.SituationChanged,
        "expired" => RemediationResult.Expired,
        _ => null,
    };

    /// <summary>The outcome a termination message starts with, or null when it does not start with one.</summary>
    public static RemediationResult? FromTerminationMessage(string? message)
    {
        var colon = message?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 ? Parse(message![..colon]) : null;
    }
}
