using Microsoft.Extensions.Logging;
using OpenFero.DaemonSet.Alerting;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The remediation Job's work: guards, analysis, a plan by cause, its steps, the wait for the rollout. Every step
/// is a log line and an Event on the DaemonSet, so <c>kubectl describe daemonset</c> tells the story.
/// </summary>
public sealed partial class RemediationRunner(
    DaemonSetSnapshotReader reader,
    DaemonSetChanges changes,
    PodDeletions deletions,
    RolloutWaiter waiter,
    DaemonSetEvents events,
    TimeProvider time,
    ILogger<RemediationRunner> logger)
{
    private const int SpecObservationChecks = 30;
    private static readonly TimeSpan SpecObservationInterval = TimeSpan.FromSeconds(1);

    public async Task<RemediationExit> RunAsync(DaemonSetTarget target, DateTimeOffset? alertStartedAt, RemediationPolicy policy, AnalysisOptions analysis, CancellationToken cancellationToken)
    {
        if ((policy.AllowNamespaces.Count > 0 && !policy.AllowNamespaces.Contains(target.Namespace)) || policy.DenyNamespaces.Contains(target.Namespace))
        {
            LogRefused(logger, target.Namespace, target.Name, "its namespace is not allowed");
            return RemediationExit.Refused;
        }

        var snapshot = await reader.ReadAsync(target, alertStartedAt, cancellationToken);
        if (snapshot is null)
        {
            LogRefused(logger, target.Namespace, target.Name, "it does not exist");
            return RemediationExit.NotFound;
        }

        if (snapshot.DaemonSet.Metadata.Annotations?.TryGetValue(RemediationPolicy.OptOutAnnotation, out var optOut) == true && optOut == "disabled")
        {
            await Record(target, "RemediationSkipped", $"annotation {RemediationPolicy.OptOutAnnotation}=disabled: nothing done", cancellationToken);
            return RemediationExit.Refused;
        }

        var report = DaemonSetAnalyzer.Analyze(snapshot, analysis, time.GetUtcNow());
        for (var attempt = 0; report.Verdict.Cause == VerdictCause.SpecNotObserved && attempt < SpecObservationChecks; attempt++)
        {
            // The controller has not caught up with the latest spec: judging its status now would judge the past.
            await Task.Delay(SpecObservationInterval, time, cancellationToken);
            snapshot = await reader.ReadAsync(target, alertStartedAt, cancellationToken) ?? snapshot;
            report = DaemonSetAnalyzer.Analyze(snapshot, analysis, time.GetUtcNow());
        }

        var plan = RemediationPlanner.Plan(report, policy);
        var steps = string.Join(", ", plan.Steps.Select(Describe));
        await Record(target, policy.DryRun ? "RemediationDryRun" : "RemediationPlanned",
            $"{plan.Summary}; plan: {(steps.Length == 0 ? "nothing to do" : steps)}{(plan.Recommendation is null ? "" : "; " + plan.Recommendation)}", cancellationToken);
        if (policy.DryRun)
        {
            return RemediationExit.RolledOut;
        }

        foreach (var step in plan.Steps)
        {
            var done = await RunStepAsync(target, step, cancellationToken);
            if (done is not null)
            {
                return done.Value;
            }
        }

        return plan.ExitWhenDone;
    }

    private async Task<RemediationExit?> RunStepAsync(DaemonSetTarget target, RemediationStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case RemediationStep.DeletePods delete:
                var deleted = await deletions.DeleteAsync(target, delete, cancellationToken);
                LogStep(logger, target.Namespace, target.Name, $"deleted {deleted} stuck pod(s)");
                return null;
            case RemediationStep.RolloutRestart:
                await changes.RestartAsync(target, cancellationToken);
                await Record(target, "RolloutRestarted", "rollout restarted (kubectl.kubernetes.io/restartedAt)", cancellationToken);
                return null;
            case RemediationStep.RolloutUndo:
                try
                {
                    await changes.UndoAsync(target, cancellationToken);
                }
                catch (InvalidOperationException noPrevious)
                {
                    await Record(target, "RolloutUndoFailed", noPrevious.Message, cancellationToken, "Warning");
                    return RemediationExit.NotFixed;
                }

                await Record(target, "RolloutUndone", "rolled back to the previous revision", cancellationToken);
                return null;
            case RemediationStep.WaitForRollout wait:
                var result = await waiter.WaitAsync(target, wait.Timeout, cancellationToken);
                if (result is RolloutWaitResult.RolledOut)
                {
                    await Record(target, "RolloutComplete", result.LastMessage, cancellationToken);
                    return RemediationExit.RolledOut;
                }

                await Record(target, "RolloutNotComplete", $"{result.GetType().Name}: {result.LastMessage}", cancellationToken, "Warning");
                return RemediationExit.NotFixed;
            default:
                return null;
        }
    }

    private async Task Record(DaemonSetTarget target, string reason, string message, CancellationToken cancellationToken, string type = "Normal")
    {
        LogStep(logger, target.Namespace, target.Name, $"{reason}: {message}");
        await events.RecordAsync(target, reason, message, type, cancellationToken);
    }

    private static string Describe(RemediationStep step) => step switch
    {
        RemediationStep.DeletePods d => $"delete {string.Join(", ", d.Pods.Select(p => $"{p.Name} on {p.Node}{(p.Force ? " (force)" : "")}"))} in batches of {d.BatchSize}",
        RemediationStep.RolloutRestart => "rollout restart",
        RemediationStep.RolloutUndo => "rollout undo",
        RemediationStep.WaitForRollout w => $"wait up to {w.Timeout.TotalMinutes:0.#} min for the rollout",
        _ => step.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Namespace}/{DaemonSet}: {Step}")]
    private static partial void LogStep(ILogger logger, string @namespace, string daemonSet, string step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not remediating {Namespace}/{DaemonSet}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string @namespace, string daemonSet, string reason);
}
