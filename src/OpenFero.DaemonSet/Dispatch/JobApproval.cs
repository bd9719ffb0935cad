using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Approves a remediation Job that waits for approval, as <c>kubectl patch job NAME --type merge -p
/// '{"spec":{"suspend":false}}'</c> does, after checking that it is one: a Job of this program, suspended with a plan,
/// not expired. The patch is conditioned on the resourceVersion read, so an expiry written meanwhile is seen, never
/// overridden. The <c>approve</c> verb and <c>POST /api/remediations/{job}/approve</c> both approve through it.
/// Kubernetes failures are the caller's to answer.
/// </summary>
public sealed class JobApproval(IKubernetes client, IOptions<RemediationJobOptions> jobs, IOptions<ApprovalOptions> options, TimeProvider time)
{
    private const int Attempts = 3;

    public async Task<ApprovalAnswer> ApproveAsync(string name, CancellationToken cancellationToken)
    {
        var ns = jobs.Value.OperariusNamespace;
        for (var attempt = 1; ; attempt++)
        {
            var job = await ReadOrNull.ReadAsync(() => client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken));
            if (Refusal(job, name, ns, time.GetUtcNow(), options.Value.ApprovalTimeout) is { } refused)
            {
                return refused;
            }

            try
            {
                return new ApprovalAnswer.Approved(await client.BatchV1.PatchNamespacedJobAsync(Unsuspend(job!), name, ns, cancellationToken: cancellationToken));
            }
            catch (HttpOperationException changed) when (changed.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Changed since it was read (the server's follow-ups, an expiry): judge it again as it is now.
            }
        }
    }

    /// <summary>Why <paramref name="job"/> cannot be approved; null when it can.</summary>
    public static ApprovalAnswer.Refused? Refusal(V1Job? job, string name, string ns, DateTimeOffset now, TimeSpan timeout)
    {
        if (job is null)
        {
            return new($"job {ns}/{name} not found", ApprovalRefusalKind.NotFound);
        }

        if (job.Metadata.Labels?.TryGetValue(JobLabels.ManagedBy, out var managedBy) != true || managedBy != JobLabels.ManagedByValue)
        {
            return new($"job {ns}/{name} is not a remediation Job of openfero-daemonset (no label {JobLabels.ManagedSelector})", ApprovalRefusalKind.NotWaiting);
        }

        return ApprovalRequests.StateOf(job, now, timeout) switch
        {
            ApprovalState.Waiting => null,
            ApprovalState.Expired => new($"job {ns}/{name} waited longer than Remediation:ApprovalTimeout ({HumanDuration.Format(timeout)}): its approval expired and it is being deleted", ApprovalRefusalKind.Expired),
            _ when job.Spec?.Suspend != true => new($"job {ns}/{name} is not waiting for approval: it is not suspended (approved already, or never asked)", ApprovalRefusalKind.NotWaiting),
            _ => new($"job {ns}/{name} is not waiting for approval: it carries no plan (annotation {ApprovalRequests.PlanAnnotation})", ApprovalRefusalKind.NotWaiting),
        };
    }

    private static V1Patch Unsuspend(V1Job job) => new(new JsonObject
    {
        ["metadata"] = new JsonObject { ["resourceVersion"] = job.Metadata.ResourceVersion },
        ["spec"] = new JsonObject { ["suspend"] = false },
    }.ToJsonString(), V1Patch.PatchType.MergePatch);
}
