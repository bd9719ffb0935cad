using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Brings one Job's follow-ups up to date: claims the Job (a write conditioned on the resourceVersion it read, so one
/// replica wins), does each pending step, and records it on the Job, releasing the claim with the last one. Steps are
/// safe to repeat after a crash: the Operarius does not count a Job it already names, Events have names derived from
/// the Job (a second create is a 409), and the verdict and outcome annotations are simply written again.
/// </summary>
public sealed partial class JobFollowUpReconciler(
    IKubernetes client,
    OperariusStatusWriter statusWriter,
    DaemonSetEvents events,
    RemediationEnrichment enrichment,
    JobOutcomeReader outcomes,
    DaemonSetGuard guard,
    ServerMetrics metrics,
    IOptions<FollowUpOptions> options,
    IEnumerable<IRemediationObserver> observers,
    TimeProvider time,
    ILogger<JobFollowUpReconciler> logger)
{
    private const int ConflictAttempts = 5;
    private readonly ConcurrentDictionary<string, bool> holding = new(StringComparer.Ordinal);

    /// <summary>This replica, as its claims name it.</summary>
    public string Holder { get; } = $"{Environment.MachineName.Replace(' ', '-')}-{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<FollowUpResult> ReconcileAsync(V1Job job, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var name = job.Metadata.Name;
            switch (FollowUpDecision.For(job, Holder, holding.ContainsKey(name), time.GetUtcNow(), options.Value.ClaimTimeout))
            {
                case FollowUpDecision.Nothing:
                    return new FollowUpResult.Nothing();
                case FollowUpDecision.Wait wait:
                    return new FollowUpResult.Waiting(wait.HeldBy);
                case FollowUpDecision.Continue resume:
                    return await RunAsync(job, resume.Steps, cancellationToken);
                case FollowUpDecision.Claim claim:
                    if (claim.Expired is { } expired)
                    {
                        LogTakingOver(logger, name, expired.Holder, expired.At);
                    }

                    var claimed = await TryPatchAsync(job, new JsonObject { [FollowUpSteps.ClaimAnnotation] = FollowUpSteps.Format(new FollowUpClaim(Holder, time.GetUtcNow())) }, cancellationToken);
                    if (claimed is not null)
                    {
                        holding[name] = true;
                        return await RunAsync(claimed, claim.Steps, cancellationToken);
                    }

                    // Changed since it was read (another replica's claim, the Job controller's status): decide on what is there now.
                    if (attempt == ConflictAttempts || await ReadAsync(name, job.Metadata.NamespaceProperty, cancellationToken) is not { } current)
                    {
                        return new FollowUpResult.Nothing();
                    }

                    job = current;
                    break;
            }
        }
    }

    private async Task<FollowUpResult> RunAsync(V1Job job, IReadOnlyList<FollowUpStep> steps, CancellationToken cancellationToken)
    {
        var facts = RemediationJobFacts.Of(job);
        var done = new HashSet<FollowUpStep>(FollowUpSteps.Done(job) ?? new HashSet<FollowUpStep>());
        foreach (var (index, step) in steps.Index())
        {
            IEnumerable<KeyValuePair<string, string>> annotations;
            try
            {
                annotations = await DoAsync(step, facts, job, cancellationToken);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                LogStepFailed(logger, step, job.Metadata.Name, error);
                return new FollowUpResult.Failed(step, error);
            }

            done.Add(step);
            var record = new JsonObject { [FollowUpSteps.DoneAnnotation] = FollowUpSteps.Format(done) };
            foreach (var (key, value) in annotations)
            {
                record[key] = value;
            }

            if (index == steps.Count - 1)
            {
                record[FollowUpSteps.ClaimAnnotation] = null;
            }

            var recorded = await RecordAsync(job, record, cancellationToken);
            if (recorded is null)
            {
                holding.TryRemove(job.Metadata.Name, out _);
                return new FollowUpResult.Nothing();
            }

            job = recorded;
            foreach (var observer in observers)
            {
                observer.StepRecorded(step, job);
            }
        }

        holding.TryRemove(job.Metadata.Name, out _);
        return new FollowUpResult.Recorded(steps);
    }

    /// <summary>Does one step; answers what it records on the Job besides the step itself (the verdict, the outcome).</summary>
    private async Task<IEnumerable<KeyValuePair<string, string>>> DoAsync(FollowUpStep step, RemediationJobFacts facts, V1Job job, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case FollowUpStep.Started:
                if (facts.Operarius is { } operarius)
                {
                    await UnlessGoneAsync($"the start on Operarius {operarius}", () => statusWriter.RecordStartAsync(operarius, facts.Job, StartedAt(job), cancellationToken));
                }

                if (facts.Target is { } target)
                {
                    await UnlessGoneAsync($"the start on DaemonSet {target}", () => events.RecordOnceAsync(target, $"{facts.Job}.started", "RemediationStarted",
                        $"{facts.AlertName} ({facts.Fingerprint}): started Job {facts.Job} from Operarius {facts.Operarius}", "Normal", cancellationToken));
                }

                return [];
            case FollowUpStep.Analyzed:
                string? verdict = null;
                await UnlessGoneAsync($"the analysis on DaemonSet {facts.Target}", async () => verdict = await enrichment.AnalyzeAsync(facts, cancellationToken));
                return verdict is null ? [] : [new(JobLabels.VerdictAnnotation, verdict)];
            case FollowUpStep.Finished:
                return await FinishAsync(facts, job, cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, null);
        }
    }

    /// <summary>
    /// The Job's end and its outcome, read from its pod: on its Operarius' status, in the metrics, and on the Job. A run
    /// that did not change the cluster (declined, dry run, error) ends its DaemonSet's cooldown: only a remediation
    /// that acted makes the next alert wait.
    /// </summary>
    private async Task<IEnumerable<KeyValuePair<string, string>>> FinishAsync(RemediationJobFacts facts, V1Job job, CancellationToken cancellationToken)
    {
        var succeeded = facts.State == JobState.Succeeded;
        var outcome = await outcomes.ReadAsync(job, facts.State, cancellationToken);
        var outcomeName = outcome.Result?.WireName();
        if (facts.Operarius is { } operarius)
        {
            await UnlessGoneAsync($"the end on Operarius {operarius}", () =>
                statusWriter.RecordOutcomeAsync(operarius, facts.Job, succeeded ? "Successful" : "Failed", outcomeName, cancellationToken));
        }

        if (succeeded)
        {
            metrics.JobSucceeded();
        }
        else
        {
            metrics.JobFailed();
        }

        if (facts.Target is { } target && outcome.Result is { } result && !result.ChangedTheCluster())
        {
            await guard.EndCooldownAsync(job.Metadata.NamespaceProperty, target, facts.Job, StartedAt(job), cancellationToken);
        }
        else if (facts.Target is { } acted && outcome.Result == RemediationResult.NotRolledOut)
        {
            // It acted and the DaemonSet did not roll out: the next remediation of it waits twice as long.
            await guard.RecordNotRolledOutAsync(job.Metadata.NamespaceProperty, acted, facts.Job, StartedAt(job), cancellationToken);
        }

        metrics.RemediationOutcome(outcomeName ?? ServerMetrics.UnknownOutcome);
        LogOutcome(logger, facts.Job, outcomeName ?? ServerMetrics.UnknownOutcome, outcome.Message ?? "");
        return outcome.Annotations();
    }

    private DateTimeOffset StartedAt(V1Job job) =>
        job.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : time.GetUtcNow();

    /// <summary>What a record is written on is gone (Operarius deleted, namespace removed): there is nothing to record it on.</summary>
    private async Task UnlessGoneAsync(string what, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            LogNothingToRecordOn(logger, what);
        }
    }

    /// <summary>Writes on the Job while this replica's claim stands; null when it no longer does (taken over) or the Job is gone.</summary>
    private async Task<V1Job?> RecordAsync(V1Job job, JsonObject annotations, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            // A 409 means the Job changed since it was read (the Job controller's status, another replica): read it again.
            return await ConflictRetry.RunAsync(async () =>
            {
                if (attempts++ > 0)
                {
                    if (await ReadAsync(job.Metadata.Name, job.Metadata.NamespaceProperty, cancellationToken) is not { } current || FollowUpSteps.Claim(current)?.Holder != Holder)
                    {
                        return null;
                    }

                    job = current;
                }

                return await ReadOrNull.ReadAsync(() => PatchAsync(job, annotations, cancellationToken));
            });
        }
        catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Job {job.Metadata.Name} kept changing while its follow-ups were recorded", conflict);
        }
    }

    /// <summary>A merge patch of annotations, conditioned on the Job's resourceVersion; null on a 409 or a 404.</summary>
    private async Task<V1Job?> TryPatchAsync(V1Job job, JsonObject annotations, CancellationToken cancellationToken)
    {
        try
        {
            return await PatchAsync(job, annotations, cancellationToken);
        }
        catch (HttpOperationException lost) when (lost.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<V1Job> PatchAsync(V1Job job, JsonObject annotations, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = job.Metadata.ResourceVersion, ["annotations"] = annotations.DeepClone() },
        };
        return client.BatchV1.PatchNamespacedJobAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), job.Metadata.Name, job.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
    }

    private Task<V1Job?> ReadAsync(string name, string ns, CancellationToken cancellationToken) =>
        ReadOrNull.ReadAsync(() => client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken));

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} ended: {Outcome}: {Summary}")]
    private static partial void LogOutcome(ILogger logger, string job, string outcome, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the {Step} step of Job {Job}; trying again at the next resync")]
    private static partial void LogStepFailed(ILogger logger, FollowUpStep step, string job, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking over the follow-ups of Job {Job} from {Holder}, whose claim of {ClaimedAt} expired")]
    private static partial void LogTakingOver(ILogger logger, string job, string holder, DateTimeOffset claimedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not recording {What}: it no longer exists")]
    private static partial void LogNothingToRecordOn(ILogger logger, string what);
}
