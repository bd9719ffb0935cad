using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Approval;

/// <summary>The plan a Job waits for approval of: one paragraph for people, its signature for the runner.</summary>
public sealed record PlannedApproval(string Paragraph, string Signature);

/// <summary>Where a Job stands with its approval, as the <c>approve</c> verb and the server's expiry see it.</summary>
public enum ApprovalState
{
    /// <summary>Suspended with a plan, within the approval timeout.</summary>
    Waiting,

    /// <summary>Not suspended (approved already), or never asked for approval.</summary>
    NotWaiting,

    /// <summary>Suspended past the approval timeout, or already marked <c>expired</c>: it is being deleted.</summary>
    Expired,
}

/// <summary>
/// Approval with Kubernetes' own means, on the Job itself: created with <c>spec.suspend: true</c>, the plan in
/// annotation <c>openfero.io/plan</c> and its signature in <see cref="PlanSignature.Variable"/>; a person approves by
/// setting <c>spec.suspend</c> to false and declines by deleting the Job. Pure.
/// </summary>
public static class ApprovalRequests
{
    /// <summary>On an Operarius: <c>required</c> or <c>none</c>, over <c>Remediation:Approval</c>.</summary>
    public const string OperariusAnnotation = "openfero.io/approval";

    /// <summary>On the Job: the plan approved by unsuspending it.</summary>
    public const string PlanAnnotation = "openfero.io/plan";

    /// <summary>
    /// Whether the Operarius' Jobs wait for approval: its annotation when it says <c>required</c> or <c>none</c>;
    /// any other value asks for approval, the safe reading of a typo.
    /// </summary>
    public static bool IsRequired(Operarius operarius, ApprovalMode configured) =>
        operarius.Metadata.Annotations?.TryGetValue(OperariusAnnotation, out var value) == true
            ? !string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase)
            : configured == ApprovalMode.Required;

    /// <summary>Makes <paramref name="job"/> wait for approval of <paramref name="plan"/>.</summary>
    public static void Suspend(V1Job job, PlannedApproval plan)
    {
        job.Spec.Suspend = true;
        job.Metadata.Annotations ??= new Dictionary<string, string>();
        job.Metadata.Annotations[PlanAnnotation] = plan.Paragraph;
        var containers = (job.Spec.Template?.Spec?.Containers ?? []).Concat(job.Spec.Template?.Spec?.InitContainers ?? []);
        foreach (var container in containers)
        {
            container.Env = [.. (container.Env ?? []).Where(e => e.Name != PlanSignature.Variable), new V1EnvVar { Name = PlanSignature.Variable, Value = plan.Signature }];
        }
    }

    public static string? Plan(V1Job job) => job.Metadata.Annotations?.TryGetValue(PlanAnnotation, out var plan) == true ? plan : null;

    /// <summary>When an unapproved Job expires: its creation plus the timeout.</summary>
    public static DateTimeOffset? ExpiresAt(V1Job job, TimeSpan timeout) =>
        job.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) + timeout : null;

    public static ApprovalState StateOf(V1Job job, DateTimeOffset now, TimeSpan timeout)
    {
        if (job.Spec?.Suspend != true || Plan(job) is null)
        {
            return ApprovalState.NotWaiting;
        }

        var outcome = job.Metadata.Annotations?.TryGetValue(RemediationResults.OutcomeAnnotation, out var recorded) == true ? recorded : null;
        return RemediationResults.Parse(outcome) == RemediationResult.Expired || ExpiresAt(job, timeout) <= now
            ? ApprovalState.Expired
            : ApprovalState.Waiting;
    }

    /// <summary>The commands that approve or decline <paramref name="job"/>, for the Event and the verb's messages.</summary>
    public static string Commands(string job, string ns) =>
        $"approve: kubectl patch job {job} -n {ns} --type merge -p '{{\"spec\":{{\"suspend\":false}}}}' (or openfero-daemonset approve {job}); decline: kubectl delete job {job} -n {ns}";
}
