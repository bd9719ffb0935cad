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
    private const int SpecObservationChecks = 30;
    private static readonly TimeSpan SpecObservationInterval = TimeSpan.FromSeconds(1);

    public async Task<RemediationOutcome> RunAsync(DaemonSetTarget target, DateTimeOffset? alertStartedAt, RemediationPolicy policy, AnalysisOptions analysis, CancellationToken cancellationToken)
    {
        if (!policy.AllowsNamespace(target.Namespace))
        {
            LogRefused(logger, target.Namespace, target.Name, "its namespace is not allowed");
            return new(RemediationExit.Refused, $"{target}: not remediated: namespace {target.Namespace} is not allowed (Runner__AllowNamespaces, Runner__DenyNamespaces)");
        }

        var snapshot = await reader.ReadAsync(target, alertStartedAt, cancellationToken);
        if (snapshot is null)
        {
            LogRefused(logger, target.Namespace, target.Name, "it does not exist");
            return new(RemediationExit.NotFound, $"daemonset {target} not found");
        }

        if (snapshot.DaemonSet.Metadata.Annotations?.TryGetValue(RemediationPolicy.OptOutAnnotation, out var optOut) == true && optOut == "disabled")
        {
            var skipped = $"annotation {RemediationPolicy.OptOutAnnotation}=disabled: nothing done";
            await RecordAsync(target, policy, "RemediationSkipped", skipped, cancellationToken);
            return new(RemediationExit.Refused, $"{target}: {skipped}");
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
        var paragraph = PlanText.Paragraph(target, report, plan);
        if (policy.DryRun)
        {
            LogDryRun(logger, target.Namespace, target.Name, paragraph);
            return new(plan.ExitWithoutActing, $"dry run, nothing done: {paragraph}");
        }

        await RecordAsync(target, policy, "RemediationPlanned", paragraph, cancellationToken);
        foreach (var step in plan.Steps)
        {
            var ended = await RunStepAsync(target, policy, step, cancellationToken);
            if (ended is not null)
            {
                return ended with { Summary = $"{paragraph} Outcome: {ended.Summary}" };
            }
        }

        return new(plan.ExitWhenDone, $"{paragraph} Outcome: {plan.ExitWhenDone}");
    }

    private async Task<RemediationOutcome?> RunStepAsync(DaemonSetTarget target, RemediationPolicy policy, RemediationStep step, CancellationToken cancellationToken)
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
                    await RecordAsync(target, policy, "PodReplacementTimeout", message, cancellationToken, "Warning");
                    return new(RemediationExit.NotFixed, $"NotFixed: {message}");
                }

                return null;
            case RemediationStep.RolloutRestart:
                await changes.RestartAsync(target, cancellationToken);
                await RecordAsync(target, policy, "RolloutRestarted", "rollout restarted (kubectl.kubernetes.io/restartedAt)", cancellationToken);
                return null;
            case RemediationStep.RolloutUndo undo:
                try
                {
                    await changes.UndoAsync(target, undo.JudgedRevision, cancellationToken);
                }
                catch (InvalidOperationException cannot)
                {
                    await RecordAsync(target, policy, "RolloutUndoFailed", cannot.Message, cancellationToken, "Warning");
                    return new(RemediationExit.NotFixed, $"NotFixed: {cannot.Message}");
                }

                await RecordAsync(target, policy, "RolloutUndone", "rolled back to the previous revision", cancellationToken);
                return null;
            case RemediationStep.WaitForRollout wait:
                var waited = await waiter.WaitAsync(target, wait.Timeout, cancellationToken);
                if (waited is RolloutWaitResult.RolledOut)
                {
                    await RecordAsync(target, policy, "RolloutComplete", waited.LastMessage, cancellationToken);
                    return new(RemediationExit.RolledOut, $"RolledOut: {waited.LastMessage}");
                }

                await RecordAsync(target, policy, "RolloutNotComplete", $"{waited.GetType().Name}: {waited.LastMessage}", cancellationToken, "Warning");
                return new(RemediationExit.NotFixed, $"NotFixed: {waited.GetType().Name}: {waited.LastMessage}");
            default:
                return null;
        }
    }

    private async Task RecordAsync(DaemonSetTarget target, RemediationPolicy policy, string reason, string message, CancellationToken cancellationToken, string type = "Normal")
    {
        LogStep(logger, target.Namespace, target.Name, $"{reason}: {message}");
        if (!policy.DryRun)
        {
            await events.RecordAsync(target, reason, message, type, cancellationToken);
        }
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
