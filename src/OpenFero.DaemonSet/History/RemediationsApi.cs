using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.History;

/// <summary>
/// One remediation as the cluster records it: its Job, the alert it answered, and once it ended, its outcome
/// (rolledOut, declined, dryRun, notRolledOut, error, analyzed, held, situationChanged, expired; null while it runs or when the Job gave none) and the run's summary.
/// A Job that waits for approval carries its <paramref name="Plan"/> and, when the approval timeout is known, when it <paramref name="Expires"/>.
/// </summary>
public sealed record RemediationRecord(
    string Job,
    string? Operarius,
    string? Alert,
    string? Fingerprint,
    string? Target,
    string State,
    DateTime? Created,
    DateTime? Started,
    DateTime? Completed,
    string? Verdict,
    string? Outcome,
    string? OutcomeMessage,
    string? Plan = null,
    DateTimeOffset? Expires = null);

/// <summary>
/// <c>GET /api/remediations</c>: the history, read from the cluster's Jobs so any replica answers the same. A Job that
/// waits for approval is <c>awaitingApproval</c>; a Job deleted because nobody approved it is read back from its
/// <c>ApprovalExpired</c> Event, which carries the Job's labels and outcome (for as long as the cluster keeps Events).
/// </summary>
public static class RemediationsApi
{
    public static IEndpointRouteBuilder MapRemediations(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/remediations", ListAsync).WithName("ListRemediations").WithSummary("Remediation history, newest first").ProducesProblem(400).ProducesProblem(503);
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<RemediationRecord>>, ProblemHttpResult>> ListAsync(
        IKubernetes client, IOptions<RemediationJobOptions> options, IOptions<ApprovalOptions> approval, string? daemonset, CancellationToken cancellationToken)
    {
        var selector = JobLabels.ManagedSelector;
        if (daemonset is not null)
        {
            var parts = daemonset.Split('/');
            if (parts.Length != 2 || parts.Any(string.IsNullOrEmpty))
            {
                return TypedResults.Problem("daemonset must be NAMESPACE/NAME", statusCode: 400);
            }

            selector += $",{JobLabels.DaemonSetNamespace}={JobLabels.LabelValue(parts[0])},{JobLabels.DaemonSet}={JobLabels.LabelValue(parts[1])}";
        }

        List<RemediationRecord> records;
        try
        {
            records = await KubernetesPaging.ItemsAsync(
                    next => client.BatchV1.ListNamespacedJobAsync(options.Value.OperariusNamespace, labelSelector: selector, limit: KubernetesPaging.PageSize, continueParameter: next, cancellationToken: cancellationToken),
                    l => l.Items)
                .Select(job => Record(job, approval.Value.ApprovalTimeout)).ToListAsync(cancellationToken);
            var jobs = records.Select(r => r.Job).ToHashSet(StringComparer.Ordinal);
            records.AddRange((await client.CoreV1.ListNamespacedEventAsync(options.Value.OperariusNamespace, labelSelector: selector,
                    fieldSelector: $"reason={OutcomeEvent.ApprovalExpired}", cancellationToken: cancellationToken)).Items
                .Where(e => e.InvolvedObject?.Kind == "Job" && !jobs.Contains(e.InvolvedObject.Name))
                .Select(Expired));
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error) && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem($"Kubernetes could not be reached: {error.Message}", statusCode: 503);
        }

        return TypedResults.Ok<IReadOnlyList<RemediationRecord>>([.. records.OrderByDescending(r => r.Created)]);
    }

    private static string State(V1Job job) => job.Spec?.Suspend == true && ApprovalRequests.Plan(job) is not null && JobStates.Of(job) is JobState.Pending
        ? "awaitingApproval"
        : State(JobStates.Of(job));

    private static string State(JobState state) => state switch
    {
        JobState.Pending => "pending",
        JobState.Running => "running",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>A Job deleted unapproved, from its Event: the Job's labels and outcome annotations, its creation as the Event's.</summary>
    private static RemediationRecord Expired(Corev1Event expired)
    {
        var job = new V1Job { Metadata = new V1ObjectMeta { Name = expired.InvolvedObject.Name, Labels = expired.Metadata.Labels, Annotations = expired.Metadata.Annotations } };
        var outcome = JobOutcome.Recorded(job);
        var labels = Labels(job);
        return new RemediationRecord(
            job.Metadata.Name,
            labels.GetValueOrDefault(JobLabels.Operarius),
            labels.GetValueOrDefault(JobLabels.Alert),
            labels.GetValueOrDefault(JobLabels.Fingerprint),
            TargetOf(labels),
            "expired",
            null,
            null,
            expired.LastTimestamp ?? expired.EventTime,
            job.Metadata.Annotations is { } annotations && annotations.TryGetValue(JobLabels.VerdictAnnotation, out var verdict) ? verdict : null,
            outcome.Result?.WireName(),
            outcome.Message);
    }

    private static IReadOnlyDictionary<string, string> Labels(V1Job job) =>
        job.Metadata.Labels is { } l ? new Dictionary<string, string>(l) : new Dictionary<string, string>();

    private static string? TargetOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(JobLabels.DaemonSetNamespace, out var ns) && labels.TryGetValue(JobLabels.DaemonSet, out var ds) ? $"{ns}/{ds}" : null;

    /// <summary>The record of <paramref name="job"/>; with <paramref name="approvalTimeout"/>, a waiting Job's expiry too.</summary>
    internal static RemediationRecord Record(V1Job job, TimeSpan? approvalTimeout = null)
    {
        var state = State(job);
        var waiting = state == "awaitingApproval";
        var outcome = JobOutcome.Recorded(job);
        var labels = Labels(job);
        var target = TargetOf(labels);
        return new RemediationRecord(
            job.Metadata.Name,
            labels.GetValueOrDefault(JobLabels.Operarius),
            labels.GetValueOrDefault(JobLabels.Alert),
            labels.GetValueOrDefault(JobLabels.Fingerprint),
            target,
            state,
            job.Metadata.CreationTimestamp,
            job.Status?.StartTime,
            job.Status?.CompletionTime,
            job.Metadata.Annotations is { } annotations && annotations.TryGetValue(JobLabels.VerdictAnnotation, out var verdict) ? verdict : null,
            outcome.Result?.WireName(),
            outcome.Message,
            waiting ? ApprovalRequests.Plan(job) : null,
            waiting && approvalTimeout is { } timeout ? ApprovalRequests.ExpiresAt(job, timeout) : null);
    }
}
