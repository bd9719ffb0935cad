using k8s.Models;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>A <see cref="RemediationNotice"/> from the Job a transition was made on, and the alert when there is one.</summary>
public static class RemediationNotices
{
    private const string SeverityVariable = AlertContextFactory.Prefix + "SEVERITY";

    public static RemediationNotice Started(AlertContext alert, V1Job job, DateTimeOffset at) =>
        new(NoticeEvent.Started, job.Metadata.NamespaceProperty, job.Metadata.Name, alert.AlertName, alert.Fingerprint,
            alert.Labels.TryGetValue("severity", out var severity) ? severity : null, alert.Target, Verdict(job), null, null, at);

    /// <summary>The Job as its follow-ups recorded it: the verdict, and once it ended, the outcome and its summary.</summary>
    public static RemediationNotice Of(NoticeEvent @event, V1Job job, DateTimeOffset at)
    {
        var facts = RemediationJobFacts.Of(job);
        var outcome = JobOutcome.Recorded(job);
        var ended = @event == NoticeEvent.Ended;
        return new(@event, job.Metadata.NamespaceProperty, job.Metadata.Name, facts.AlertName, facts.Fingerprint, Severity(job), facts.Target, Verdict(job),
            ended ? outcome.Result?.WireName() ?? "unknown" : null, ended ? outcome.Message : null, at,
            ended && job.Metadata.CreationTimestamp is { } created ? at - new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            PostedMessages: PostedMessages(job));
    }

    /// <summary>The messages posted for the remediation that its Job remembers, by annotation.</summary>
    private static Dictionary<string, string>? PostedMessages(V1Job job)
    {
        var remembered = job.Metadata.Annotations?.Where(a => a.Key.StartsWith(SlackBotClient.MessageAnnotationPrefix, StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        return remembered is { Count: > 0 } ? remembered : null;
    }

    private static string? Verdict(V1Job job) =>
        job.Metadata.Annotations?.TryGetValue(JobLabels.VerdictAnnotation, out var verdict) == true ? verdict : null;

    /// <summary>The alert's severity label, as the Job's containers carry it (<c>OPENFERO_SEVERITY</c>).</summary>
    private static string? Severity(V1Job job) =>
        job.Spec?.Template?.Spec?.Containers?.SelectMany(c => c.Env ?? []).FirstOrDefault(e => e.Name == SeverityVariable)?.Value;
}
