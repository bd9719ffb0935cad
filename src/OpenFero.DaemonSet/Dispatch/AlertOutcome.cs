namespace OpenFero.DaemonSet.Dispatch;

/// <summary>What became of one alert. Every outcome but <see cref="Unavailable"/> and <see cref="ConcurrencyLimited"/> is final for Alertmanager (202).</summary>
public abstract record AlertOutcome(string Kind)
{
    /// <summary>A Job was created for this alert instance.</summary>
    public sealed record JobCreated(string Operarius, string JobNamespace, string JobName) : AlertOutcome("jobCreated");

    /// <summary>
    /// A Job was created suspended for this alert instance: it waits for a person to approve <paramref name="Plan"/>
    /// (<c>Remediation:Approval</c>, or the Operarius' <c>openfero.io/approval</c>). It holds the DaemonSet's Lease
    /// like a running Job.
    /// </summary>
    public sealed record AwaitingApproval(string Operarius, string JobNamespace, string JobName, string Plan) : AlertOutcome("awaitingApproval");

    /// <summary>
    /// This alert instance already has its Job (a re-send, an HA peer, another replica), or had one that is gone
    /// and is still remembered on its DaemonSet's Lease.
    /// </summary>
    public sealed record Deduplicated(string Operarius, string JobNamespace, string ExistingJob, string Reason = "this alert instance already has its Job")
        : AlertOutcome("deduplicated");

    /// <summary>The DaemonSet was remediated recently, or a remediation of it is still running.</summary>
    public sealed record Cooldown(string Operarius, string Reason, string? BlockingJob) : AlertOutcome("cooldown");

    /// <summary>
    /// The runner's guards refuse the DaemonSet: its namespace is not allowed (<c>Runner:AllowNamespaces</c>,
    /// <c>Runner:DenyNamespaces</c>) or it carries <c>openfero.io/remediation: disabled</c>. No Lease, no Job.
    /// </summary>
    public sealed record OptedOut(string Operarius, string Reason) : AlertOutcome("optedOut");

    /// <summary>No enabled Operarius selects this alert name and status (and labels).</summary>
    public sealed record NoMatchingOperarius() : AlertOutcome("noMatchingOperarius");

    /// <summary>The alert carries no <c>namespace</c> + <c>daemonset</c> labels and no Operarius selects it.</summary>
    public sealed record NoTarget() : AlertOutcome("noTarget");

    /// <summary>The <c>namespace</c> or <c>daemonset</c> label is no name Kubernetes accepts: nothing is asked of Kubernetes for it.</summary>
    public sealed record InvalidTarget(TargetProblem Problem) : AlertOutcome("invalidTarget");

    /// <summary>
    /// The Operarius' templates do not parse (it is marked so on its status), or one names what this alert lacks
    /// (<c>missingkey=error</c>): no Job. Final, since delivering the same alert again changes neither.
    /// </summary>
    public sealed record TemplateError(string Operarius, string Reason) : AlertOutcome("templateError");

    /// <summary>
    /// The DaemonSet's rollout was seen moving within the progress deadline
    /// (<c>Analysis:DaemonsetRolloutMonitor:ProgressDeadline</c>): a slow but healthy rollout is left alone. No Lease, no
    /// Job; should it stall, this server remediates the alert then (<see cref="ProgressingAlerts"/>).
    /// </summary>
    public sealed record Progressing(string Operarius, string Reason) : AlertOutcome("progressing");

    /// <summary>
    /// Alerts that say the cluster is unwell fire on the DaemonSet's nodes, its namespace or cluster-wide
    /// (<c>Alertmanager:HoldAlerts</c>): no Lease, no Job; Alertmanager delivers the alert again at its repeat interval.
    /// </summary>
    public sealed record Held(string Operarius, string Reason) : AlertOutcome("held");

    /// <summary>
    /// <c>Remediation:MaxConcurrent</c> remediation Jobs already run (<paramref name="RunningJobs"/>): no Lease kept, no
    /// Job. The webhook answers 503 so Alertmanager delivers the alert again, and it starts once a slot is free.
    /// </summary>
    public sealed record ConcurrencyLimited(string Operarius, string Reason, IReadOnlyList<string> RunningJobs) : AlertOutcome("concurrencyLimited");

    /// <summary>Kubernetes could not be reached in time: the webhook answers 503 so Alertmanager delivers again.</summary>
    public sealed record Unavailable(string Reason) : AlertOutcome("unavailable");
}
