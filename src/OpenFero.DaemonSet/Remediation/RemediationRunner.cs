using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The remediation Job's work: guards, analysis, a plan by cause (which the poison-rollout guard may refuse), the hold
/// while the cluster is unwell, its steps, the wait for the rollout; a known false alarm's silence. Every step
/// is a log line and an Event on the DaemonSet, and the run ends with one outcome Event (<see cref="OutcomeEvent"/>),
/// so <c>kubectl describe daemonset</c> tells the story. A dry run reads and plans only: its plan goes to the log and
/// the outcome, nothing is written to the cluster. An analysis-only run (<c>Runner:AnalyzeOnly</c>) reads and
/// reports: the report to the log and the outcome (<c>analyzed</c>), its verdict as the one outcome Event.
/// </summary>
public sealed partial class RemediationRunner(
    DaemonSetSnapshotReader reader,
    DaemonSetChanges changes,
    PodDeletions deletions,
    RolloutWaiter waiter,
    StepProgressWatcher progress,
    DaemonSetEvents events,
    RemediationGuards guards,
    TimeProvider time,
    ILogger<RemediationRunner> logger)
{
    /// <summary>The Event after a rung that moved the rollout.</summary>
    public const string StepHelped = "RemediationStepHelped";

    /// <summary>The Event after a rung that did not move the rollout: the run stops there.</summary>
    public const string StepDidNotHelp = "RemediationStepDidNotHelp";

    /// <param name="approvedPlan">
    /// The <see cref="PlanSignature"/> a person approved (<see cref="PlanSignature.Variable"/>); null when the Job
    /// needed no approval. A run whose plan now differs stops before acting (<see cref="RemediationResult.SituationChanged"/>).
    /// </param>
    public async Task<RemediationOutcome> RunAsync(DaemonSetTarget target, DateTimeOffset? alertStartedAt, RemediationPolicy policy, AnalysisOptions analysis, CancellationToken cancellationToken,
        string? approvedPlan = null)
    {
        if (RemediationPlanner.Refusal(target, policy) is RemediationRefusal.Logged refused)
        {
            LogRefused(logger, target.Namespace, target.Name, refused.Reason);
            return refused.Outcome;
        }

        var run = new RemediationRun(target);
        try
        {
            return await RemediateAsync(run, alertStartedAt, policy, analysis, approvedPlan, cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && KubernetesFailures.IsFailure(failure))
        {
            var reason = UserFacing(failure);
            var (result, sentence) = run.Changed
                ? (RemediationResult.NotRolledOut, $"Not rolled out: Kubernetes failed after {run.Done}: {reason}.")
                : (RemediationResult.Error, $"Kubernetes could not be reached or refused before anything was changed: {reason}.");
            LogFailed(logger, target.Namespace, target.Name, sentence);
            var outcome = run.End(result, sentence) with { KubernetesFailed = result == RemediationResult.Error };
            if (!policy.DryRun)
            {
                await TryRecordAsync(run, OutcomeEvent.For(result, sentence, knownFalseAlarm: false), cancellationToken);
            }

            return outcome;
        }
    }

    private async Task<RemediationOutcome> RemediateAsync(RemediationRun run, DateTimeOffset? alertStartedAt, RemediationPolicy policy, AnalysisOptions analysis, string? approvedPlan,
        CancellationToken cancellationToken)
    {
        var target = run.Target;
        var read = await reader.ReadAsync(target, alertStartedAt, cancellationToken);
        run.DaemonSet = read?.DaemonSet;
        if (RemediationPlanner.Refusal(target, read?.DaemonSet) is RemediationRefusal.Recorded guarded)
        {
            LogStep(logger, target.Namespace, target.Name, guarded.Sentence);
            return policy.DryRun ? guarded.Outcome : await EndAsync(run, guarded.Outcome, guarded.Sentence, knownFalseAlarm: false, cancellationToken);
        }

        // The guard declines a DaemonSet that was not found.
        var snapshot = read!;
        var report = DaemonSetAnalyzer.Analyze(snapshot, analysis, time.GetUtcNow());
        for (var waited = 0; SpecObservation.WaitBeforeJudging(report, waited) is { } wait; waited++)
        {
            await Task.Delay(wait, time, cancellationToken);
            snapshot = await reader.ReadAsync(target, alertStartedAt, cancellationToken) ?? snapshot;
            run.DaemonSet = snapshot.DaemonSet;
            report = DaemonSetAnalyzer.Analyze(snapshot, analysis, time.GetUtcNow());
        }

        if (policy.AnalyzeOnly)
        {
            return await AnalyzedAsync(run, report, policy.DryRun, cancellationToken);
        }

        var plan = PoisonRolloutGuard.Check(snapshot, report, RemediationPlanner.Plan(report, policy));
        run.Paragraph = PlanText.Paragraph(target, report, plan);
        if (plan.DryRun)
        {
            LogDryRun(logger, target.Namespace, target.Name, run.Paragraph);
            return RemediationOutcome.DryRun($"dry run, nothing done: {run.Paragraph}");
        }

        if (approvedPlan is not null && PlanSignature.Of(plan) is var found && found != approvedPlan)
        {
            var sentence = $"Situation changed since the plan was approved, nothing done: approved \"{approvedPlan}\", found \"{found}\".";
            return await EndAsync(run, new RemediationOutcome(RemediationResult.SituationChanged, $"{sentence[..^1]}; {run.Paragraph}"), sentence, knownFalseAlarm: false, cancellationToken);
        }

        if (plan.Steps.Count == 0)
        {
            var silenced = plan.KnownFalseAlarm ? await guards.SilenceAsync(run, snapshot, report, cancellationToken) : null;
            var sentence = plan.ResultWhenDone == RemediationResult.RolledOut
                ? $"Rolled out already: {plan.Summary}; nothing to do."
                : $"Declined: {plan.Summary}{(plan.Recommendation is null ? "" : $"; {plan.Recommendation}")}.{(silenced is null ? "" : $" {silenced}")}";
            // The paragraph says it all; the Event says it in one sentence.
            return await EndAsync(run, new RemediationOutcome(plan.ResultWhenDone, silenced is null ? run.Paragraph : $"{run.Paragraph} {silenced}"), sentence, plan.KnownFalseAlarm, cancellationToken);
        }

        if (await guards.HoldAsync(run, report, plan, cancellationToken) is { } held)
        {
            LogStep(logger, target.Namespace, target.Name, held);
            return await EndAsync(run, run.End(RemediationResult.Held, held), held, knownFalseAlarm: false, cancellationToken);
        }

        foreach (var kept in plan.Misscheduled.Where(d => !d.Delete))
        {
            LogKept(logger, target.Namespace, target.Name, kept.Pod, kept.Node, kept.Reason);
        }

        await RecordAsync(run, DaemonSetEvent.Normal("RemediationPlanned", DaemonSetEvent.Actions.Analyze, run.Paragraph), cancellationToken);
        var ladder = new LadderClimb();
        foreach (var step in plan.Steps)
        {
            if (LadderRungs.IsRung(step))
            {
                ladder.Climbing(step, run.DaemonSet);
            }

            var ended = await RunStepAsync(run, step, ladder, cancellationToken);
            if (LadderRungs.IsRung(step))
            {
                ladder.Climbed(step, run.DaemonSet);
            }

            if (ended is not null)
            {
                return await EndAsync(run, run.End(ended.Value.Result, ended.Value.Sentence), ended.Value.Sentence, knownFalseAlarm: false, cancellationToken);
            }
        }

        var done = $"Rolled out: {run.Done}.";
        return await EndAsync(run, run.End(plan.ResultWhenDone, done), done, knownFalseAlarm: false, cancellationToken);
    }

    /// <summary>Runs one step; returns how the run ends when the step ends it.</summary>
    private async Task<(RemediationResult Result, string Sentence)?> RunStepAsync(RemediationRun run, RemediationStep step, LadderClimb ladder, CancellationToken cancellationToken)
    {
        var target = run.Target;
        switch (step)
        {
            case RemediationStep.DeletePods delete:
                run.Changing();
                var result = await deletions.DeleteAsync(target, run.DaemonSet, delete, cancellationToken);
                var deleted = $"deleted {result.Deleted} {(delete.Misscheduled ? "misscheduled" : "stuck")} pod(s)";
                run.Did(deleted);
                LogStep(logger, target.Namespace, target.Name, deleted);
                if (result is PodDeletionResult.ReplacementTimedOut late)
                {
                    var nodes = string.Join(", ", late.Nodes);
                    LogReplacementTimeout(logger, target.Namespace, target.Name, nodes, HumanDuration.Format(late.After));
                    var message = $"no available replacement on {nodes} within {HumanDuration.Format(late.After)}: stopped before deleting more pods";
                    await RecordAsync(run, DaemonSetEvent.Warning("PodReplacementTimeout", DaemonSetEvent.Actions.DeletePod, message), cancellationToken);
                    return (RemediationResult.NotRolledOut, $"Not rolled out: {run.Done}, then {message}.");
                }

                return null;
            case RemediationStep.RolloutRestart:
                run.Changing();
                run.DaemonSet = await changes.RestartAsync(target, cancellationToken);
                run.Did("rollout restarted");
                await RecordAsync(run, DaemonSetEvent.Normal("RolloutRestarted", DaemonSetEvent.Actions.RolloutRestart, "rollout restarted (kubectl.kubernetes.io/restartedAt)"), cancellationToken);
                return null;
            case RemediationStep.RolloutUndo undo:
                RolloutUndoResult undone;
                try
                {
                    run.Changing();
                    undone = await changes.UndoAsync(target, undo.JudgedRevision, cancellationToken);
                }
                catch (InvalidOperationException cannot)
                {
                    await RecordAsync(run, DaemonSetEvent.Warning("RolloutUndoFailed", DaemonSetEvent.Actions.RolloutUndo, cannot.Message), cancellationToken);
                    return (RemediationResult.NotRolledOut, $"Not rolled out: the rollout undo failed: {cannot.Message}.");
                }

                run.DaemonSet = undone.DaemonSet;
                run.Did(undone.Description);
                await RecordAsync(run, DaemonSetEvent.Normal("RolloutUndone", DaemonSetEvent.Actions.RolloutUndo, undone.Description), cancellationToken);
                return null;
            case RemediationStep.WatchProgress watch:
                return await WatchProgressAsync(run, ladder, watch, cancellationToken);
            case RemediationStep.WaitForRollout wait:
                var waited = await waiter.WaitAsync(target, wait.Timeout, cancellationToken);
                if (waited is RolloutWaitResult.RolledOut)
                {
                    run.Did(waited.LastMessage);
                    await RecordAsync(run, DaemonSetEvent.Normal("RolloutComplete", DaemonSetEvent.Actions.WaitForRollout, waited.LastMessage), cancellationToken);
                    return null;
                }

                var why = RolloutWaitText.Describe(waited);
                await RecordAsync(run, DaemonSetEvent.Warning("RolloutNotComplete", DaemonSetEvent.Actions.WaitForRollout, why), cancellationToken);
                return (RemediationResult.NotRolledOut, $"Not rolled out: {run.Done}, then {why}.");
            default:
                return null;
        }
    }

    /// <summary>After a rung: go on when the rollout moved; stop the run, with the reason, when nothing moved in time.</summary>
    private async Task<(RemediationResult Result, string Sentence)?> WatchProgressAsync(RemediationRun run, LadderClimb ladder, RemediationStep.WatchProgress watch, CancellationToken cancellationToken)
    {
        switch (await progress.WatchAsync(run.Target, ladder.Baseline, watch.Timeout, cancellationToken))
        {
            case StepWatchResult.Helped helped:
                await RecordAsync(run, DaemonSetEvent.Normal(StepHelped, DaemonSetEvent.Actions.WaitForRollout, ladder.Helped(helped)), cancellationToken);
                return null;
            case StepWatchResult.DidNotHelp stalled:
                var why = ladder.DidNotHelp(stalled);
                await RecordAsync(run, DaemonSetEvent.Warning(StepDidNotHelp, DaemonSetEvent.Actions.WaitForRollout, why), cancellationToken);
                return (RemediationResult.NotRolledOut, $"Not rolled out: {run.Done}, then {why}.");
            default:
                return (RemediationResult.NotRolledOut, $"Not rolled out: {run.Done}, then the daemon set was deleted.");
        }
    }

    /// <summary>The report to the log and the outcome, the verdict as the outcome Event (none in a dry run, which writes nothing); nothing changed.</summary>
    private async Task<RemediationOutcome> AnalyzedAsync(RemediationRun run, DaemonSetReport report, bool dryRun, CancellationToken cancellationToken)
    {
        LogAnalysis(logger, run.Target.Namespace, run.Target.Name, ReportRendering.ToText(report).TrimEnd());
        var outcome = RemediationOutcome.Analyzed(AnalysisOnlyText.Summary(AnalysisOnlyText.Paragraph(run.Target, report), report));
        return dryRun ? outcome : await EndAsync(run, outcome, AnalysisOnlyText.Sentence(report), knownFalseAlarm: false, cancellationToken);
    }

    private async Task<RemediationOutcome> EndAsync(RemediationRun run, RemediationOutcome outcome, string sentence, bool knownFalseAlarm, CancellationToken cancellationToken)
    {
        if (OutcomeEvent.For(outcome.Result, sentence, knownFalseAlarm) is { } ending)
        {
            await RecordAsync(run, ending, cancellationToken);
        }

        return outcome;
    }

    private async Task RecordAsync(RemediationRun run, DaemonSetEvent @event, CancellationToken cancellationToken)
    {
        LogStep(logger, run.Target.Namespace, run.Target.Name, $"{@event.Reason}: {@event.Message}");
        await events.RecordAsync(run.Target, run.DaemonSet, @event, cancellationToken);
    }

    /// <summary>The outcome Event of a run Kubernetes failed: it may fail too, and the outcome stands without it.</summary>
    private async Task TryRecordAsync(RemediationRun run, DaemonSetEvent? @event, CancellationToken cancellationToken)
    {
        if (@event is null)
        {
            return;
        }

        try
        {
            await events.RecordAsync(run.Target, run.DaemonSet, @event, cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && KubernetesFailures.IsFailure(failure))
        {
            LogOutcomeEventLost(logger, run.Target.Namespace, run.Target.Name, @event.Reason);
        }
    }

    private static string UserFacing(Exception failure) =>
        string.Join(' ', failure.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');

    [LoggerMessage(Level = LogLevel.Information, Message = "{Namespace}/{DaemonSet}: {Step}")]
    private static partial void LogStep(ILogger logger, string @namespace, string daemonSet, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dry run of {Namespace}/{DaemonSet}, nothing done: {Plan}")]
    private static partial void LogDryRun(ILogger logger, string @namespace, string daemonSet, string plan);

    // The report's own lines follow the first: kubectl logs job/NAME shows it as the analyze verb prints it.
    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis of {Namespace}/{DaemonSet} (analysis only, nothing changed):\n{Report}")]
    private static partial void LogAnalysis(ILogger logger, string @namespace, string daemonSet, string report);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Namespace}/{DaemonSet}: keeping misscheduled pod {Pod} on {Node}: {Reason}")]
    private static partial void LogKept(ILogger logger, string @namespace, string daemonSet, string pod, string node, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not remediating {Namespace}/{DaemonSet}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string @namespace, string daemonSet, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Namespace}/{DaemonSet}: no available replacement on {Nodes} within {Timeout}; stopping before the next batch")]
    private static partial void LogReplacementTimeout(ILogger logger, string @namespace, string daemonSet, string nodes, string timeout);

    // The failure's own words are in the outcome: a person reading the Job's log needs no stack trace for it.
    [LoggerMessage(Level = LogLevel.Error, Message = "{Namespace}/{DaemonSet}: {Outcome}")]
    private static partial void LogFailed(ILogger logger, string @namespace, string daemonSet, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Namespace}/{DaemonSet}: the outcome Event {Reason} could not be written")]
    private static partial void LogOutcomeEventLost(ILogger logger, string @namespace, string daemonSet, string reason);
}
