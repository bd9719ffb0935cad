using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The remediation Job's work: guards, analysis, a plan by cause, its steps, the wait for the rollout. Every step
/// is a log line and an Event on the DaemonSet, so <c>kubectl describe daemonset</c> tells the story. A dry run
/// reads and plans only: its plan goes to the log and the outcome, nothing is written to the cluster.
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
    public async Task<RemediationOutcome> RunAsync(DaemonSetTarget target, DateTimeOffset? alertStartedAt, RemediationPolicy policy, AnalysisOptions analysis, CancellationToken cancellationToken)
    {
        if (RemediationPlanner.Refusal(target, policy) is { } refused)
        {
            return await RefuseAsync(target, refused, cancellationToken);
        }

        var read = await reader.ReadAsync(target, alertStartedAt, cancellationToken);
        if (RemediationPlanner.Refusal(target, read?.DaemonSet, policy) is { } guarded)
        {
            return await RefuseAsync(target, guarded, cancellationToken);
        }

        // The guard refuses a DaemonSet that was not found.
        var snapshot = read!;
        var report = DaemonSetAnalyzer.Analyze(snapshot, analysis, time.GetUtcNow());
        for (var waited = 0; SpecObservation.WaitBeforeJudging(report, waited) is { } wait; waited++)
        {
            await Task.Delay(wait, time, cancellationToken);
            snapshot = await reader.ReadAsync(target, alertStartedAt, cancellationToken) ?? snapshot;
            report = DaemonSetAnalyzer.Analyze(snapshot, analysis, time.GetUtcNow());
        }

        var plan = RemediationPlanner.Plan(report, policy);
        var paragraph = PlanText.Paragraph(target, report, plan);
        if (plan.DryRun)
        {
            LogDryRun(logger, target.Namespace, target.Name, paragraph);
            return new(plan.ExitWithoutActing, $"dry run, nothing done: {paragraph}");
        }

        await RecordAsync(target, "RemediationPlanned", paragraph, cancellationToken);
        foreach (var step in plan.Steps)
        {
            var ended = await RunStepAsync(target, step, cancellationToken);
            if (ended is not null)
            {
                return ended with { Summary = $"{paragraph} Outcome: {ended.Summary}" };
            }
        }

        return new(plan.ExitWhenDone, $"{paragraph} Outcome: {plan.ExitWhenDone}");
    }

    private async Task<RemediationOutcome> RefuseAsync(DaemonSetTarget target, RemediationRefusal refusal, CancellationToken cancellationToken)
    {
        switch (refusal)
        {
            case RemediationRefusal.Logged logged:
                LogRefused(logger, target.Namespace, target.Name, logged.Reason);
                break;
            case RemediationRefusal.Recorded { DryRun: true } told:
                LogStep(logger, target.Namespace, target.Name, $"{told.EventReason}: {told.Message}");
                break;
            case RemediationRefusal.Recorded recorded:
                await RecordAsync(target, recorded.EventReason, recorded.Message, cancellationToken);
                break;
        }

        return new(refusal.Exit, refusal.Summary);
    }

    private async Task<RemediationOutcome?> RunStepAsync(DaemonSetTarget target, RemediationStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case RemediationStep.DeletePods delete:
                var result = await deletions.DeleteAsync(target, delete, cancellationToken);
                LogStep(logger, target.Namespace, target.Name, $"deleted {result.Deleted} stuck pod(s)");
                if (result is PodDeletionResult.ReplacementTimedOut late)
                {
                    var nodes = string.Join(", ", late.Nodes);
                    LogReplacementTimeout(logger, target.Namespace, target.Name, nodes, HumanDuration.Format(late.After));
                    var message = $"no available replacement on {nodes} within {HumanDuration.Format(late.After)}: stopped before deleting more pods";
                    await RecordAsync(target, "PodReplacementTimeout", message, cancellationToken, "Warning");
                    return new(RemediationExit.NotFixed, $"NotFixed: {message}");
                }

                return null;
            case RemediationStep.RolloutRestart:
                await changes.RestartAsync(target, cancellationToken);
                await RecordAsync(target, "RolloutRestarted", "rollout restarted (kubectl.kubernetes.io/restartedAt)", cancellationToken);
                return null;
            case RemediationStep.RolloutUndo undo:
                try
                {
                    await changes.UndoAsync(target, undo.JudgedRevision, cancellationToken);
                }
                catch (InvalidOperationException cannot)
                {
                    await RecordAsync(target, "RolloutUndoFailed", cannot.Message, cancellationToken, "Warning");
                    return new(RemediationExit.NotFixed, $"NotFixed: {cannot.Message}");
                }

                await RecordAsync(target, "RolloutUndone", "rolled back to the previous revision", cancellationToken);
                return null;
            case RemediationStep.WaitForRollout wait:
                var waited = await waiter.WaitAsync(target, wait.Timeout, cancellationToken);
                if (waited is RolloutWaitResult.RolledOut)
                {
                    await RecordAsync(target, "RolloutComplete", waited.LastMessage, cancellationToken);
                    return new(RemediationExit.RolledOut, $"RolledOut: {waited.LastMessage}");
                }

                await RecordAsync(target, "RolloutNotComplete", $"{waited.GetType().Name}: {waited.LastMessage}", cancellationToken, "Warning");
                return new(RemediationExit.NotFixed, $"NotFixed: {waited.GetType().Name}: {waited.LastMessage}");
            default:
                return null;
        }
    }

    private async Task RecordAsync(DaemonSetTarget target, string reason, string message, CancellationToken cancellationToken, string type = "Normal")
    {
        LogStep(logger, target.Namespace, target.Name, $"{reason}: {message}");
        await events.RecordAsync(target, reason, message, type, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Namespace}/{DaemonSet}: {Step}")]
    private static partial void LogStep(ILogger logger, string @namespace, string daemonSet, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dry run of {Namespace}/{DaemonSet}, nothing done: {Plan}")]
    private static partial void LogDryRun(ILogger logger, string @namespace, string daemonSet, string plan);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not remediating {Namespace}/{DaemonSet}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string @namespace, string daemonSet, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Namespace}/{DaemonSet}: no available replacement on {Nodes} within {Timeout}; stopping before the next batch")]
    private static partial void LogReplacementTimeout(ILogger logger, string @namespace, string daemonSet, string nodes, string timeout);
}
