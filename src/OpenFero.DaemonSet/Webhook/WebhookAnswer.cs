using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Semantics;
namespace OpenFero.DaemonSet.Webhook;

/// <summary>The webhook's answer: what became of each alert of the delivery.</summary>
public sealed record WebhookAnswer(IReadOnlyList<AlertAnswer> Alerts);

public sealed record AlertAnswer(
    string Fingerprint,
    string Alertname,
    string Status,
    DaemonSetTarget? Target,
    string? Operarius,
    string Outcome,
    string? Job,
    string? Reason)
{
    /// <summary>What the server had to decide about the alert's labels (names that map to the same variable).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static AlertAnswer From(AlertContext alert, AlertOutcome outcome) => Answer(alert, outcome) with { Warnings = alert.Warnings };

    private static AlertAnswer Answer(AlertContext alert, AlertOutcome outcome) => outcome switch
    {
        AlertOutcome.JobCreated created => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, created.Operarius, outcome.Kind, created.JobName, null),
        AlertOutcome.AwaitingApproval waiting => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, waiting.Operarius, outcome.Kind, waiting.JobName, waiting.Plan),
        AlertOutcome.Deduplicated duplicate => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, duplicate.Operarius, outcome.Kind, duplicate.ExistingJob, duplicate.Reason),
        AlertOutcome.Cooldown cooldown => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, cooldown.Operarius, outcome.Kind, cooldown.BlockingJob, cooldown.Reason),
        AlertOutcome.OptedOut optedOut => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, optedOut.Operarius, outcome.Kind, null, optedOut.Reason),
        AlertOutcome.Progressing progressing => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, progressing.Operarius, outcome.Kind, null, progressing.Reason),
        AlertOutcome.Held held => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, held.Operarius, outcome.Kind, null, held.Reason),
        AlertOutcome.NoMatchingOperarius => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, null, outcome.Kind, null, "no enabled Operarius selects this alert"),
        AlertOutcome.NoTarget => new(alert.Fingerprint, alert.AlertName, alert.Status, null, null, outcome.Kind, null, "the alert has no namespace and daemonset labels"),
        AlertOutcome.InvalidTarget invalid => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, null, outcome.Kind, null, invalid.Problem.ToString()),
        AlertOutcome.TemplateError template => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, template.Operarius, outcome.Kind, null, template.Reason),
        AlertOutcome.ConcurrencyLimited limited => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, limited.Operarius, outcome.Kind, limited.RunningJobs.FirstOrDefault(), limited.Reason),
        AlertOutcome.Unavailable unavailable => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, null, outcome.Kind, null, unavailable.Reason),
        _ => new(alert.Fingerprint, alert.AlertName, alert.Status, alert.Target, null, outcome.Kind, null, null),
    };
}
