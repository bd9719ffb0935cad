using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Ends the Jobs nobody approved within <c>Remediation:ApprovalTimeout</c>. First the Job is marked
/// <c>openfero.io/outcome: expired</c> by a write conditioned on the resourceVersion read, so one replica wins and an
/// approval that landed meanwhile is seen (the Job is no longer suspended then, and runs). Then the outcome is recorded
/// where it outlives the Job — an <c>ApprovalExpired</c> Event on the DaemonSet, one on the Job carrying its labels
/// (the history API lists those), the Operarius' status, the outcome metric — the DaemonSet's cooldown is ended (nothing
/// ran), and the Job is deleted. A replica that finds a Job already marked finishes the work without counting it again.
/// </summary>
public sealed partial class ApprovalExpiry(
    IKubernetes client,
    OperariusStatusWriter statusWriter,
    DaemonSetEvents events,
    DaemonSetGuard guard,
    ServerMetrics metrics,
    IOptions<ApprovalOptions> options,
    TimeProvider time,
    ILogger<ApprovalExpiry> logger)
{
    public async Task ExpireDueAsync(IEnumerable<V1Job> jobs, CancellationToken cancellationToken)
    {
        foreach (var job in jobs.Where(j => ApprovalRequests.StateOf(j, time.GetUtcNow(), options.Value.ApprovalTimeout) == ApprovalState.Expired))
        {
            try
            {
                await ExpireAsync(job, cancellationToken);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever failed is tried again at the next resync: the Job's annotations say what was done.
                LogNotExpired(logger, job.Metadata.NamespaceProperty, job.Metadata.Name, error.Message);
            }
        }
    }

    private async Task ExpireAsync(V1Job job, CancellationToken cancellationToken)
    {
        var facts = RemediationJobFacts.Of(job);
        var timeout = HumanDuration.Format(options.Value.ApprovalTimeout);
        var message = $"nobody approved Job {facts.Job} within Remediation:ApprovalTimeout ({timeout}): deleted, nothing done";
        var counted = false;
        if (JobOutcome.Recorded(job).Result != RemediationResult.Expired)
        {
            if (await MarkAsync(job, message, cancellationToken) is not { } marked)
            {
                // Changed since it was read (an approval, another replica's mark): the next look decides on what is there then.
                return;
            }

            job = marked;
            counted = true;
        }

        var sentence = $"Approval expired: {message}.";
        var @event = OutcomeEvent.For(RemediationResult.Expired, sentence, knownFalseAlarm: false)!;
        var involved = new V1ObjectReference { ApiVersion = "batch/v1", Kind = "Job", Name = facts.Job, NamespaceProperty = job.Metadata.NamespaceProperty, Uid = job.Metadata.Uid };
        await events.RecordOnceAsync(involved, new V1ObjectMeta { Name = $"{facts.Job}.expired", Labels = job.Metadata.Labels, Annotations = new JobOutcome(RemediationResult.Expired, message).AnnotationsOn(job) }, @event, cancellationToken);
        if (facts.Target is { } target)
        {
            await events.RecordOnceAsync(target, $"{facts.Job}.expired", @event.Reason, sentence, @event.Type, cancellationToken);
            await guard.EndCooldownAsync(job.Metadata.NamespaceProperty, target, facts.Job, JobCreatedAt.Of(job, time), cancellationToken);
        }

        if (facts.Operarius is { } operarius)
        {
            await UnlessGone.WriteAsync(() => statusWriter.RecordOutcomeAsync(operarius, facts.Job, "Failed", RemediationResult.Expired.WireName(), cancellationToken));
        }

        if (counted)
        {
            metrics.RemediationOutcome(RemediationResult.Expired.WireName());
        }

        await UnlessGone.WriteAsync(() => client.BatchV1.DeleteNamespacedJobAsync(facts.Job, job.Metadata.NamespaceProperty,
            new V1DeleteOptions { PropagationPolicy = "Background", Preconditions = new V1Preconditions { Uid = job.Metadata.Uid } }, cancellationToken: cancellationToken));
        LogExpired(logger, job.Metadata.NamespaceProperty, facts.Job, timeout);
    }

    /// <summary>The Job marked expired, or null when it changed since it was read (409) or is gone (404).</summary>
    private async Task<V1Job?> MarkAsync(V1Job job, string message, CancellationToken cancellationToken)
    {
        var annotations = new JsonObject();
        foreach (var (key, value) in new JobOutcome(RemediationResult.Expired, message).AnnotationsOn(job))
        {
            annotations[key] = value;
        }

        var patch = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = job.Metadata.ResourceVersion, ["annotations"] = annotations } };
        try
        {
            return await client.BatchV1.PatchNamespacedJobAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), job.Metadata.Name, job.Metadata.NamespaceProperty,
                cancellationToken: cancellationToken);
        }
        catch (HttpOperationException lost) when (lost.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return null;
        }
    }




    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Namespace}/{Job} was not approved within {Timeout}: deleted, outcome expired")]
    private static partial void LogExpired(ILogger logger, string @namespace, string job, string timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not expire Job {Namespace}/{Job}; trying again at the next resync: {Reason}")]
    private static partial void LogNotExpired(ILogger logger, string @namespace, string job, string reason);
}
