using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Rollouts;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Templates;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// One alert to at most one Job: check the target's names; match an Operarius; refuse a namespace the runner may
/// not act in; answer a known alert instance from the Job cache; refuse a DaemonSet its owners opted out (one read
/// of it); render the Operarius' templates for this alert (an Operarius whose templates do not parse, or a key the alert
/// lacks, is <see cref="AlertOutcome.TemplateError"/>); take the DaemonSet's Lease (one remediation at a time, then a cooldown, and the alert
/// instances it remediated); create the Job under the alert instance's deterministic name, so a second create
/// anywhere is a 409 — a duplicate once the existing Job is confirmed as this alert's; record the Job on the
/// Lease, or release the Lease when the Job was not created. Kubernetes out of reach is
/// <see cref="AlertOutcome.Unavailable"/>, never an exception. When the Operarius' Jobs need approval
/// (<see cref="ApprovalGate"/>), the Job is created suspended with the plan an analysis makes now
/// (<see cref="AlertOutcome.AwaitingApproval"/>).
/// </summary>
public sealed partial class AlertRemediator(
    IKubernetes client,
    OperariusCatalog catalog,
    JobWatcher jobs,
    DaemonSetGuard guard,
    RemediationSlots slots,
    RemediationPolicyGate policy,
    RolloutMonitor rollouts,
    ProgressingAlerts progressing,
    AlertHold hold,
    ApprovalGate approval,
    ServerMetrics metrics,
    IOptions<RemediationJobOptions> options,
    IEnumerable<IRemediationObserver> observers,
    ILogger<AlertRemediator> logger) : IAlertRemediator
{
    public AlertOutcome.Deduplicated? FromJobCache(AlertContext alert)
    {
        if ((alert.Target is { } named && (DaemonSetTargetRules.Check(named) is not null || policy.NamespaceRefusal(named) is not null)) ||
            !catalog.IsReady || !jobs.IsReady || OperariusMatcher.Match(alert, catalog.Operarii) is not { } operarius)
        {
            return null;
        }

        var (ns, jobName) = JobPlace(operarius, alert);
        return jobs.Get(jobName) is null ? null : new(operarius.Metadata.Name, ns, jobName);
    }

    /// <summary>Where this alert instance's Job lives and its deterministic name.</summary>
    private (string Namespace, string JobName) JobPlace(Operarius operarius, AlertContext alert) =>
        (operarius.Metadata.NamespaceProperty ?? options.Value.OperariusNamespace, JobLabels.JobName(operarius.Metadata.Name, alert.Fingerprint, alert.StartsAt));

    public async Task<AlertOutcome> RemediateAsync(AlertContext alert, CancellationToken cancellationToken)
    {
        if (alert.Target is { } named && DaemonSetTargetRules.Check(named) is { } problem)
        {
            LogInvalidTarget(logger, problem.Label, problem.Value);
            return new AlertOutcome.InvalidTarget(problem);
        }

        if (alert.Target is { } resolved && alert.Status == "resolved")
        {
            progressing.Forget(resolved);
        }

        if (!catalog.IsReady || !jobs.IsReady)
        {
            return new AlertOutcome.Unavailable("the Operarius catalog and Job cache are not synced with the cluster yet");
        }

        var operarius = OperariusMatcher.Match(alert, catalog.Operarii);
        if (operarius is null)
        {
            return alert.Target is null ? new AlertOutcome.NoTarget() : new AlertOutcome.NoMatchingOperarius();
        }

        if (alert.Target is { } allowed && policy.NamespaceRefusal(allowed) is { } notAllowed)
        {
            return OptedOut(operarius.Metadata.Name, allowed, notAllowed);
        }

        var (ns, jobName) = JobPlace(operarius, alert);
        if (jobs.Get(jobName) is not null)
        {
            return new AlertOutcome.Deduplicated(operarius.Metadata.Name, ns, jobName);
        }

        var templates = catalog.TemplatesOf(operarius);
        if (templates.ParseErrors.Count > 0)
        {
            LogInvalidOperarius(logger, operarius.Metadata.Name);
            return new AlertOutcome.TemplateError(operarius.Metadata.Name,
                $"Operarius {operarius.Metadata.Name} is invalid, its templates do not parse (condition TemplatesValid): {string.Join("; ", templates.ParseErrors)}");
        }

        V1Job job;
        try
        {
            job = RemediationJobBuilder.Build(operarius, alert, templates);
        }
        catch (TemplateExecutionException error)
        {
            LogTemplateNotRendered(logger, operarius.Metadata.Name, error.Message);
            return new AlertOutcome.TemplateError(operarius.Metadata.Name, error.Message);
        }

        var cooldown = TimeSpan.FromSeconds(operarius.Spec.Deduplication?.Ttl ?? options.Value.CooldownSeconds);
        DaemonSetGuard.Take.Taken? taken = null;
        PlannedApproval? planned = null;
        RemediationSlots.Claim.Claimed? slot = null;
        try
        {
            if (alert.Target is { } target)
            {
                if (await policy.OptOutAsync(target, cancellationToken) is { } optOut)
                {
                    return OptedOut(operarius.Metadata.Name, target, optOut);
                }

                if (alert.Status == "firing" && rollouts.ProgressingReason(target.Namespace, target.Name) is { } moving)
                {
                    progressing.Defer(target, alert);
                    LogProgressing(logger, target.Namespace, target.Name, moving);
                    return new AlertOutcome.Progressing(operarius.Metadata.Name, moving);
                }

                if (alert.Status == "firing" && await hold.ReasonAsync(target, cancellationToken) is { } unwell)
                {
                    return new AlertOutcome.Held(operarius.Metadata.Name, unwell);
                }

                var take = await guard.TryTakeAsync(ns, target, jobName, cooldown, cancellationToken);
                if (take is not DaemonSetGuard.Take.Taken held)
                {
                    return LeaseOutcomes.Refused(operarius.Metadata.Name, ns, target, take);
                }

                taken = held;
            }

            var claim = alert.Target is not null && RemediationSlots.TakesASlot(job) ? await slots.TryClaimAsync(ns, jobName, cancellationToken) : null;
            slot = claim as RemediationSlots.Claim.Claimed;
            if (claim is RemediationSlots.Claim.Full full)
            {
                await ReleaseAsync(ns, taken, cancellationToken);
                LogConcurrencyLimited(logger, jobName, options.Value.MaxConcurrent, string.Join(", ", full.Holders));
                return new AlertOutcome.ConcurrencyLimited(operarius.Metadata.Name,
                    $"{options.Value.MaxConcurrent} remediation(s) already running (Remediation:MaxConcurrent): {string.Join(", ", full.Holders)}; deliver again", full.Holders);
            }

            if (approval.IsRequired(operarius))
            {
                planned = await approval.PlanAsync(alert.Target, alert.StartsAt, job, cancellationToken);
                ApprovalRequests.Suspend(job, planned);
            }

            var created = await client.BatchV1.CreateNamespacedJobAsync(job, ns, cancellationToken: cancellationToken);
            jobs.Remember(created);
            metrics.JobCreated();
            await RecordAsync(alert, ns, jobName, cooldown, taken?.After, cancellationToken);
            LogJobCreated(logger, ns, created.Metadata.Name, operarius.Metadata.Name);
            foreach (var observer in observers)
            {
                observer.JobCreated(alert, created);
            }

            if (planned is not null)
            {
                await approval.AnnounceAsync(created, alert.Target, planned, cancellationToken);
                return new AlertOutcome.AwaitingApproval(operarius.Metadata.Name, ns, created.Metadata.Name, planned.Paragraph);
            }

            return new AlertOutcome.JobCreated(operarius.Metadata.Name, ns, created.Metadata.Name);
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict && !cancellationToken.IsCancellationRequested)
        {
            var conflict = await ConflictAsync(operarius.Metadata.Name, alert, ns, jobName, cooldown, taken, cancellationToken);
            if (conflict is not AlertOutcome.Deduplicated && slot is not null)
            {
                await slots.ReleaseAsync(ns, slot, cancellationToken);
            }

            return conflict;
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error) && !cancellationToken.IsCancellationRequested)
        {
            if (error is HttpOperationException && taken is not null)
            {
                // Kubernetes answered, so it can be asked whether the Job exists; a transport failure or timeout leaves the
                // take to the start grace instead, as its create may still land.
                await ReleaseUnlessCreatedAsync(ns, jobName, taken, cancellationToken);
            }

            if (error is HttpOperationException && slot is not null)
            {
                // The create was answered with an error: the slot goes back at once rather than after the start grace.
                await slots.ReleaseAsync(ns, slot, cancellationToken);
            }

            metrics.KubernetesFailure(error.GetType().Name);
            LogUnavailable(logger, error.Message);
            return new AlertOutcome.Unavailable($"Kubernetes could not be reached: {Describe(error)}");
        }
    }

    private AlertOutcome.OptedOut OptedOut(string operarius, DaemonSetTarget target, string reason)
    {
        LogOptedOut(logger, target.Namespace, target.Name, reason);
        return new AlertOutcome.OptedOut(operarius, reason);
    }

    private static string Describe(Exception error) => error is HttpOperationException api
        ? $"{(int)api.Response.StatusCode} {api.Response.ReasonPhrase}"
        : error.Message;

    /// <summary>A 409 is a duplicate only when the Job it collided with is this alert instance's own; otherwise the Lease is released and the alert delivered again.</summary>
    private async Task<AlertOutcome> ConflictAsync(string operarius, AlertContext alert, string ns, string jobName, TimeSpan cooldown,
        DaemonSetGuard.Take.Taken? taken, CancellationToken cancellationToken)
    {
        try
        {
            if (await ReadJobAsync(ns, jobName, cancellationToken) is { } existing && RemediationJobIdentity.IsJobOf(existing, operarius, alert))
            {
                jobs.Remember(existing);
                await RecordAsync(alert, ns, jobName, cooldown, null, cancellationToken);
                return new AlertOutcome.Deduplicated(operarius, ns, jobName);
            }
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error) && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, error.Message);
            return new AlertOutcome.Unavailable($"creating Job {ns}/{jobName} answered 409 Conflict and the Job could not be read: {Describe(error)}");
        }

        await ReleaseAsync(ns, taken, cancellationToken);
        LogConflictWithoutJob(logger, ns, jobName);
        return new AlertOutcome.Unavailable($"creating Job {ns}/{jobName} answered 409 Conflict, but no Job of this alert exists");
    }

    /// <summary>Lists the Job on its DaemonSet's Lease. The Job exists whatever happens here: a failure is logged, not answered.</summary>
    private async Task RecordAsync(AlertContext alert, string ns, string jobName, TimeSpan cooldown, V1Lease? written, CancellationToken cancellationToken)
    {
        if (alert.Target is not { } target)
        {
            return;
        }

        try
        {
            await guard.RecordAsync(ns, target, jobName, cooldown, written, cancellationToken);
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error) || error is OperationCanceledException)
        {
            LogNotRecorded(logger, ns, jobName, error.Message);
        }
    }

    private async Task ReleaseUnlessCreatedAsync(string ns, string jobName, DaemonSetGuard.Take.Taken taken, CancellationToken cancellationToken)
    {
        try
        {
            if (await ReadJobAsync(ns, jobName, cancellationToken) is null)
            {
                await ReleaseAsync(ns, taken, cancellationToken);
            }
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error))
        {
            LogNotReleased(logger, ns, jobName, error.Message);
        }
    }

    private async Task ReleaseAsync(string ns, DaemonSetGuard.Take.Taken? taken, CancellationToken cancellationToken)
    {
        if (taken is null)
        {
            return;
        }

        try
        {
            await guard.ReleaseAsync(ns, taken, cancellationToken);
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error))
        {
            LogNotReleased(logger, ns, taken.After?.Metadata.Name ?? "", error.Message);
        }
    }

    private Task<V1Job?> ReadJobAsync(string ns, string jobName, CancellationToken cancellationToken) =>
        ReadOrNull.ReadAsync(() => client.BatchV1.ReadNamespacedJobAsync(jobName, ns, cancellationToken: cancellationToken));

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Job {Namespace}/{Job} from Operarius {Operarius}")]
    private static partial void LogJobCreated(ILogger logger, string @namespace, string job, string operarius);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kubernetes unavailable, the alert will be delivered again: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not remediating DaemonSet {Namespace}/{DaemonSet} yet: {Reason}")]
    private static partial void LogProgressing(ILogger logger, string @namespace, string daemonSet, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not remediating DaemonSet {Namespace}/{DaemonSet}: {Reason}")]
    private static partial void LogOptedOut(ILogger logger, string @namespace, string daemonSet, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operarius {Operarius} has templates that do not parse (see its TemplatesValid condition); no Job for the alert")]
    private static partial void LogInvalidOperarius(ILogger logger, string operarius);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operarius {Operarius}'s templates could not be rendered for the alert, no Job: {Error}")]
    private static partial void LogTemplateNotRendered(ILogger logger, string operarius, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert's target label {Label}={Value} is not a valid Kubernetes name; nothing is done for it")]
    private static partial void LogInvalidTarget(ILogger logger, string label, string value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating Job {Namespace}/{Job} answered 409 Conflict, but no Job of this alert exists; the alert will be delivered again")]
    private static partial void LogConflictWithoutJob(ILogger logger, string @namespace, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Namespace}/{Job} was created but could not be recorded on its DaemonSet's Lease: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string @namespace, string job, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Lease taken for Job {Namespace}/{Job} could not be released; it stops counting after the start grace: {Reason}")]
    private static partial void LogNotReleased(ILogger logger, string @namespace, string job, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not creating Job {Job}: {MaxConcurrent} remediation(s) already running ({Running})")]
    private static partial void LogConcurrencyLimited(ILogger logger, string job, int maxConcurrent, string running);
}
