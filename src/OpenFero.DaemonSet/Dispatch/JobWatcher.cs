using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// The remediation Jobs of the Operarius namespace, kept current with list+watch. Answers "does this alert
/// instance have its Job already" without an API call, and tells <see cref="JobFollowUps"/> about every Job it sees.
/// </summary>
public sealed class JobWatcher : BackgroundService
{
    private readonly ListWatch<V1Job> cache;

    public JobWatcher(IKubernetes client, IOptions<RemediationJobOptions> options, TimeProvider time, ILogger<JobWatcher> logger)
    {
        var ns = options.Value.OperariusNamespace;
        cache = new ListWatch<V1Job>(
            $"remediation jobs in {ns}",
            async token =>
            {
                var list = await client.BatchV1.ListNamespacedJobAsync(ns, labelSelector: JobLabels.ManagedSelector, cancellationToken: token);
                return (list.Items, list.Metadata.ResourceVersion);
            },
            (resourceVersion, token) => client.BatchV1.WatchListNamespacedJobAsync(
                ns, labelSelector: JobLabels.ManagedSelector, resourceVersion: resourceVersion, cancellationToken: token),
            time,
            logger);
        cache.Changed += (_, current) => Changed?.Invoke(current);
        cache.Removed += last => Removed?.Invoke(last);
    }

    /// <summary>A Job was listed, added or changed (this version); raised on the watch's thread, so handlers only take note.</summary>
    public event Action<V1Job>? Changed;

    /// <summary>A Job was deleted, or is gone from a new list (its last version); raised on the watch's thread, so handlers only take note.</summary>
    public event Action<V1Job>? Removed;

    public bool IsReady => cache.Synced;

    /// <summary>Every Job as last seen.</summary>
    public IReadOnlyList<V1Job> Jobs => cache.Items;

    public V1Job? Get(string name) => cache.Get(name);

    public void Remember(V1Job job) => cache.Remember(job);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => cache.RunAsync(stoppingToken);
}
