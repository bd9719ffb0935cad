using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Deletes the DaemonSet Leases that remember nothing any more (<see cref="LeaseRetention.MayDelete"/>): every
/// interval, a paged list of the managed Leases, and a delete conditioned on the listed resourceVersion, so a
/// take that lands in between is never lost. Waits for the Job cache: without it every Job would look gone.
/// </summary>
public sealed partial class LeaseCollector(
    IKubernetes client, JobWatcher jobs, DaemonSetGuard guard, IOptions<RemediationJobOptions> options, TimeProvider time, ILogger<LeaseCollector> logger)
    : BackgroundService
{

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.LeaseCollectionIntervalSeconds), time);
        while (await NextTickAsync(timer, stoppingToken))
        {
            if (!jobs.IsReady)
            {
                continue;
            }

            try
            {
                await CollectAsync(stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Whatever the client throws once the stop is requested: the next replica collects.
                return;
            }
            catch (Exception error)
            {
                LogFailed(logger, error);
            }
        }
    }

    /// <summary>False once the service is stopping: a stop ends the loop normally, it is not a failure.</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task CollectAsync(CancellationToken cancellationToken)
    {
        var ns = options.Value.OperariusNamespace;
        var rules = guard.Rules(TimeSpan.Zero);
        var leases = KubernetesPaging.ItemsAsync(
            next => client.CoordinationV1.ListNamespacedLeaseAsync(ns, labelSelector: JobLabels.ManagedSelector, limit: KubernetesPaging.PageSize, continueParameter: next, cancellationToken: cancellationToken),
            l => l.Items);
        await foreach (var lease in leases)
        {
            if (LeaseRetention.MayDelete(LeaseState.From(lease), time.GetUtcNow(), guard.Presence, rules))
            {
                await DeleteAsync(lease, ns, cancellationToken);
            }
        }
    }

    private async Task DeleteAsync(V1Lease lease, string ns, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoordinationV1.DeleteNamespacedLeaseAsync(lease.Metadata.Name, ns,
                new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = lease.Metadata.ResourceVersion } }, cancellationToken: cancellationToken);
            LogDeleted(logger, ns, lease.Metadata.Name);
        }
        catch (HttpOperationException moved) when (moved.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // Taken or deleted since it was listed: the next pass decides again.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted Lease {Namespace}/{Lease}: it remembers no remediation any more")]
    private static partial void LogDeleted(ILogger logger, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not collect DaemonSet Leases; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
