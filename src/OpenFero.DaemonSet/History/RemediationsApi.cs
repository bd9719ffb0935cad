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
    DateTimeOffset? Expires = null,
    string? JobNamespace = null);

/// <summary>
/// <c>GET /api/remediations</c>: the history, read from the cluster's Jobs so any replica answers the same. A Job that
/// waits for approval is <c>awaitingApproval</c>; a Job deleted before it ended is read back from the Event that
/// recorded its outcome, which carries the Job's labels and outcome (for as long as the cluster keeps Events):
/// <c>expired</c> (nobody approved it, <c>ApprovalExpired</c>), <c>declined</c> (a person deleted it unapproved,
/// <c>ApprovalDeclined</c>), <c>deleted</c> (deleted while it ran, <c>RemediationJobDeleted</c>).
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
                    fieldSelector: "involvedObject.kind=Job", cancellationToken: cancellationToken)).Items
                .Where(e => DeletedStates.ContainsKey(e.Reason ?? "") && !jobs.Contains(e.InvolvedObject.Name))
                .Select(Deleted));
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

    /// <summary>The Events that record the outcome of a deleted Job, and the state each gives its record.</summary>
    private static readonly Dictionary<string, string> DeletedStates = new(StringComparer.Ordinal)
    {
        [OutcomeEvent.ApprovalExpired] = "expired",
        [OutcomeEvent.ApprovalDeclined] = "declined",
        [OutcomeEvent.JobDeleted] = "deleted",
    };

    /// <summary>A deleted Job, from the Event of its outcome: the Job's labels and outcome annotations, its creation as the Event's.</summary>
    private static RemediationRecord Deleted(Corev1Event ended)
    {
        var job = new V1Job { Metadata = new V1ObjectMeta { Name = ended.InvolvedObject.Name, Labels = ended.Metadata.Labels, Annotations = ended.Metadata.Annotations } };
        var outcome = JobOutcome.Recorded(job);
        var labels = Labels(job);
        return new RemediationRecord(
            job.Metadata.Name,
            labels.GetValueOrDefault(JobLabels.Operarius),
            labels.GetValueOrDefault(JobLabels.Alert),
            labels.GetValueOrDefault(JobLabels.Fingerprint),
            TargetOf(labels),
            DeletedStates[ended.Reason],
            null,
            null,
            ended.LastTimestamp ?? ended.EventTime,
            job.Metadata.Annotations is { } annotations && annotations.TryGetValue(JobLabels.VerdictAnnotation, out var verdict) ? verdict : null,
            outcome.Result?.WireName(),
            outcome.Message,
            JobNamespace: ended.InvolvedObject.NamespaceProperty);
    }

    private static IReadOnlyDictionary<string, string> Labels(V1Job job) =>
        job.Metadata.Labels is { } l ? new Dictionary<string, string>(l) : new Dictionary<string, string>();

    private static string? TargetOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(JobLabels.DaemonSetNamespace, out var ns) && labels.TryGetValue(JobLabels.DaemonSet, out var ds) ? $"{ns}/{ds}" : null;

    /// <summary>
    /// The record of a Job just deleted (its last version) when the deletion ended it: expired, declined, or deleted
    /// while it ran, as its Event will tell it. Null for a Job that had ended before: its record goes with it.
    /// </summary>
    internal static RemediationRecord? DeletedRecord(V1Job job)
    {
        if (JobOutcome.Recorded(job).Result == RemediationResult.Expired)
        {
            return Record(job) with { State = DeletedStates[OutcomeEvent.ApprovalExpired], Plan = null, Expires = null };
        }

        return DeletedJobs.OutcomeOf(job) is var (outcome, reason)
            ? Record(job) with { State = DeletedStates[reason], Outcome = outcome.Result?.WireName(), OutcomeMessage = outcome.Message, Plan = null, Expires = null }
            : null;
    }

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
            waiting && approvalTimeout is { } timeout ? ApprovalRequests.ExpiresAt(job, timeout) : null,
            job.Metadata.NamespaceProperty);
    }
}
