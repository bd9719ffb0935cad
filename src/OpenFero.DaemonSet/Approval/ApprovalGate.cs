using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Approval;

/// <summary>
/// The server's side of approval: whether an Operarius' Jobs wait for a person, the plan they wait with (the same
/// analysis and planner the runner uses, run when the Job is created), and the <c>ApprovalRequired</c> Events that
/// tell a person what is planned and how to approve it.
/// </summary>
public sealed partial class ApprovalGate(
    DaemonSetSnapshotReader reader,
    DaemonSetEvents events,
    IOptions<ApprovalOptions> options,
    IOptions<AnalysisOptions> analysis,
    IOptions<RemediationPolicy> policy,
    TimeProvider time,
    ILogger<ApprovalGate> logger)
{
    public const string RequiredReason = "ApprovalRequired";

    public bool IsRequired(Operarius operarius) => ApprovalRequests.IsRequired(operarius, options.Value.Approval);

    /// <summary>The plan for <paramref name="job"/>'s DaemonSet as it is now. Kubernetes failures are the caller's to answer.</summary>
    public async Task<PlannedApproval> PlanAsync(DaemonSetTarget? target, DateTimeOffset alertStartedAt, V1Job job, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            return new PlannedApproval("the alert names no DaemonSet: the run will fail without acting", PlanSignature.NotFound);
        }

        var snapshot = await reader.ReadAsync(target, alertStartedAt, cancellationToken);
        if (snapshot is null || RemediationPlanner.Refusal(target, snapshot.DaemonSet) is RemediationRefusal.Recorded)
        {
            return new PlannedApproval($"{target}: not found or opted out: the run will decline without acting", PlanSignature.NotFound);
        }

        var report = DaemonSetAnalyzer.Analyze(snapshot, analysis.Value, time.GetUtcNow());
        var plan = RemediationPlanner.Plan(report, JobRunnerPolicy.Of(policy.Value, job));
        return new PlannedApproval(PlanText.Paragraph(target, report, plan), PlanSignature.Of(plan));
    }

    /// <summary>
    /// The Normal Event <c>ApprovalRequired</c> on the created Job and on its DaemonSet, with the plan and the
    /// commands. The Job waits whatever happens here: a failure is logged, not answered.
    /// </summary>
    public async Task AnnounceAsync(V1Job created, DaemonSetTarget? target, PlannedApproval plan, CancellationToken cancellationToken)
    {
        var name = created.Metadata.Name;
        var ns = created.Metadata.NamespaceProperty;
        var message = $"Job {ns}/{name} waits for approval (expires in {HumanDuration.Format(options.Value.ApprovalTimeout)}): {plan.Paragraph} {ApprovalRequests.Commands(name, ns)}";
        try
        {
            var involved = new V1ObjectReference { ApiVersion = "batch/v1", Kind = "Job", Name = name, NamespaceProperty = ns, Uid = created.Metadata.Uid };
            await events.RecordOnceAsync(involved, new V1ObjectMeta { Name = $"{name}.approval-required" },
                DaemonSetEvent.Normal(RequiredReason, DaemonSetEvent.Actions.Analyze, message), cancellationToken);
            if (target is not null)
            {
                await events.RecordOnceAsync(target, $"{name}.approval-required", RequiredReason, message, DaemonSetEvent.NormalType, cancellationToken);
            }
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error) && !cancellationToken.IsCancellationRequested)
        {
            LogNotAnnounced(logger, ns, name, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Namespace}/{Job} waits for approval, but its ApprovalRequired Event could not be written: {Reason}")]
    private static partial void LogNotAnnounced(ILogger logger, string @namespace, string job, string reason);
}
