using System.Net;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Alerting;

/// <summary>
/// One alert to at most one Job: match an Operarius; answer a known alert instance from the Job cache; take the
/// DaemonSet's Lease (one remediation at a time, then a cooldown); create the Job under the alert instance's
/// deterministic name, so a second create anywhere is a 409 and counts as deduplicated. Kubernetes out of
/// reach is <see cref="AlertOutcome.Unavailable"/>, never an exception.
/// </summary>
public sealed partial class AlertRemediator(
    IKubernetes client,
    OperariusCatalog catalog,
    JobWatcher jobs,
    DaemonSetGuard guard,
    ServerMetrics metrics,
    IOptions<RemediationJobOptions> options,
    ILogger<AlertRemediator> logger) : IAlertRemediator
{
    public async Task<AlertOutcome> RemediateAsync(AlertContext alert, CancellationToken cancellationToken)
    {
        if (!catalog.IsReady || !jobs.IsReady)
        {
            return new AlertOutcome.Unavailable("the Operarius catalog and Job cache are not synced with the cluster yet");
        }

        var operarius = OperariusMatcher.Match(alert, catalog.Operarii);
        if (operarius is null)
        {
            return alert.Target is null ? new AlertOutcome.NoTarget() : new AlertOutcome.NoMatchingOperarius();
        }

        var ns = operarius.Metadata.NamespaceProperty ?? options.Value.OperariusNamespace;
        var jobName = JobLabels.JobName(operarius.Metadata.Name, alert.Fingerprint, alert.StartsAt);
        if (jobs.Get(jobName) is not null)
        {
            return new AlertOutcome.Deduplicated(operarius.Metadata.Name, ns, jobName);
        }

        var job = RemediationJobBuilder.Build(operarius, alert);
        try
        {
            if (alert.Target is { } target)
            {
                var cooldown = TimeSpan.FromSeconds(operarius.Spec.Deduplication?.Ttl ?? options.Value.CooldownSeconds);
                if (await guard.TryTakeAsync(ns, target, job.Metadata.Name, cooldown, cancellationToken) is DaemonSetGuard.Decision.Blocked blocked)
                {
                    return new AlertOutcome.Cooldown(operarius.Metadata.Name, blocked.Reason, blocked.BlockingJob);
                }
            }

            var created = await client.BatchV1.CreateNamespacedJobAsync(job, ns, cancellationToken: cancellationToken);
            jobs.Remember(created);
            metrics.JobCreated();
            LogJobCreated(logger, ns, created.Metadata.Name, operarius.Metadata.Name);
            return new AlertOutcome.JobCreated(operarius.Metadata.Name, ns, created.Metadata.Name);
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return new AlertOutcome.Deduplicated(operarius.Metadata.Name, ns, job.Metadata.Name);
        }
        catch (Exception error) when ((KubernetesFailures.IsUnavailable(error) || error is HttpOperationException) && !cancellationToken.IsCancellationRequested)
        {
            metrics.KubernetesFailure(error.GetType().Name);
            LogUnavailable(logger, error.Message);
            return new AlertOutcome.Unavailable($"Kubernetes could not be reached: {Describe(error)}");
        }
    }

    private static string Describe(Exception error) => error is HttpOperationException api
        ? $"{(int)api.Response.StatusCode} {api.Response.ReasonPhrase}"
        : error.Message;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Job {Namespace}/{Job} from Operarius {Operarius}")]
    private static partial void LogJobCreated(ILogger logger, string @namespace, string job, string operarius);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kubernetes unavailable, the alert will be delivered again: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
