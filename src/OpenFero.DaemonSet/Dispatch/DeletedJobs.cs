using k8s.Models;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// A remediation Job deleted before its outcome was recorded still gets one, where it outlives the Job: a Job that
/// waited for approval was declined (the decline the approval Event names is <c>kubectl delete job</c>), a Job that
/// ran was cut short. An Event on the Job carrying its labels and the outcome (the history API lists those), one on
/// the DaemonSet, the Operarius' status, the outcome metric, the observers (the notifications' end) — a declined
/// Job's cooldown is ended, since nothing ran, and the Job's slot among <c>Remediation:MaxConcurrent</c> is freed.
/// Every replica sees the deletion; the one whose Event on the Job is created does the rest, once.
/// </summary>
public sealed partial class DeletedJobs(
    DaemonSetEvents events,
    OperariusStatusWriter statusWriter,
    DaemonSetGuard guard,
    RemediationSlots slots,
    ServerMetrics metrics,
    IEnumerable<IRemediationObserver> observers,
    TimeProvider time,
    ILogger<DeletedJobs> logger)
{
    /// <summary>
    /// The outcome a deleted Job gets: declined when it waited for approval, an error when it was deleted while it ran;
    /// null when it has its outcome already (ended, expired) or its follow-ups are not tracked.
    /// </summary>
    public static (JobOutcome Outcome, string Reason)? OutcomeOf(V1Job job)
    {
        if (JobOutcome.Recorded(job).Result is not null || FollowUpSteps.Done(job) is not { } done || done.Contains(FollowUpStep.Finished))
        {
            return null;
        }

        var name = job.Metadata.Name;
        if (job.Spec?.Suspend == true && ApprovalRequests.Plan(job) is not null)
        {
            return (new JobOutcome(RemediationResult.Declined, $"declined: Job {name} was deleted before anyone approved it; nothing done"), OutcomeEvent.ApprovalDeclined);
        }

        return JobStates.Of(job) is JobState.Succeeded or JobState.Failed
            ? null
            : (new JobOutcome(RemediationResult.Error, $"Job {name} was deleted while it ran: what it did before is in the DaemonSet's Events"), OutcomeEvent.JobDeleted);
    }

    /// <summary>Records the outcome of <paramref name="job"/>, deleted (its last version), when it has none yet.</summary>
    public async Task RecordAsync(V1Job job, CancellationToken cancellationToken)
    {
        if (OutcomeOf(job) is not var (outcome, reason))
        {
            return;
        }

        var facts = RemediationJobFacts.Of(job);
        var result = outcome.Result!.Value;
        var declined = result == RemediationResult.Declined;
        var ended = WithOutcome(job, outcome);
        var sentence = declined ? $"Approval declined: {outcome.Message}." : $"{outcome.Message}.";
        var @event = declined
            ? DaemonSetEvent.Normal(reason, DaemonSetEvent.Actions.Decline, sentence)
            : DaemonSetEvent.Warning(reason, DaemonSetEvent.Actions.Remediate, sentence);
        var involved = new V1ObjectReference { ApiVersion = "batch/v1", Kind = "Job", Name = facts.Job, NamespaceProperty = job.Metadata.NamespaceProperty, Uid = job.Metadata.Uid };
        var metadata = new V1ObjectMeta { Name = $"{facts.Job}.deleted", Labels = job.Metadata.Labels, Annotations = ended.Metadata.Annotations };
        if (!await events.RecordOnceAsync(involved, metadata, @event, cancellationToken))
        {
            // Another replica (or this one, earlier) recorded it and does the rest.
            return;
        }

        if (facts.Target is { } target)
        {
            await events.RecordOnceAsync(target, $"{facts.Job}.deleted.daemonset", @event.Reason, sentence, @event.Type, cancellationToken);
            if (declined)
            {
                await guard.EndCooldownAsync(job.Metadata.NamespaceProperty, target, facts.Job, JobCreatedAt.Of(job, time), cancellationToken);
            }
        }

        await slots.ReleaseHeldByAsync(job.Metadata.NamespaceProperty, facts.Job, cancellationToken);

        if (facts.Operarius is { } operarius)
        {
            await UnlessGone.WriteAsync(() => statusWriter.RecordOutcomeAsync(operarius, facts.Job, "Failed", result.WireName(), cancellationToken));
        }

        metrics.RemediationOutcome(result.WireName());
        foreach (var observer in observers)
        {
            observer.StepRecorded(FollowUpStep.Finished, ended);
        }

        LogRecorded(logger, job.Metadata.NamespaceProperty, facts.Job, result.WireName());
    }

    /// <summary>A copy of the Job's last version with the outcome annotations, as the Event and the observers tell it.</summary>
    private static V1Job WithOutcome(V1Job job, JobOutcome outcome) => new()
    {
        ApiVersion = job.ApiVersion,
        Kind = job.Kind,
        Metadata = new V1ObjectMeta
        {
            Name = job.Metadata.Name,
            NamespaceProperty = job.Metadata.NamespaceProperty,
            Uid = job.Metadata.Uid,
            Labels = job.Metadata.Labels,
            Annotations = outcome.AnnotationsOn(job),
            CreationTimestamp = job.Metadata.CreationTimestamp,
        },
        Spec = job.Spec,
        Status = job.Status,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Namespace}/{Job} was deleted before its outcome was recorded: outcome {Outcome}")]
    private static partial void LogRecorded(ILogger logger, string @namespace, string job, string outcome);
}
