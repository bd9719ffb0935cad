using k8s;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Metrics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// The Operarii of the Operarius namespace, kept current with list+watch; ready once first listed. Counted on
/// /metrics as OpenFero does: the Operarii loaded, and each failed list or watch.
/// </summary>
public sealed class OperariusCatalog : BackgroundService
{
    private readonly ListWatch<Operarius> cache;

    public OperariusCatalog(IKubernetes client, IOptions<RemediationJobOptions> options, ServerMetrics metrics, TimeProvider time, ILogger<OperariusCatalog> logger)
    {
        var ns = options.Value.OperariusNamespace;
        cache = new ListWatch<Operarius>(
            $"operariuses in {ns}",
            async token =>
            {
                var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<OperariusList>(
                    Operarius.Group, Operarius.Version, ns, Operarius.Plural, cancellationToken: token);
                return (list.Items, list.Metadata.ResourceVersion);
            },
            (resourceVersion, token) => WatchAsync(client, ns, resourceVersion, token),
            time,
            logger);
        cache.Failed += _ => metrics.OperariusSyncError();
        metrics.ObserveOperariiLoaded(() => cache.Items.Count);
    }

    public bool IsReady => cache.Synced;

    public IReadOnlyList<Operarius> Operarii => cache.Items;

    private static async IAsyncEnumerable<(WatchEventType, Operarius)> WatchAsync(IKubernetes client, string ns, string resourceVersion,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            Operarius.Group, Operarius.Version, ns, Operarius.Plural, resourceVersion: resourceVersion, cancellationToken: cancellationToken);
        await foreach (var (type, item) in events.WithCancellation(cancellationToken))
        {
            if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
            {
                yield return (type, KubernetesJson.Deserialize<Operarius>(KubernetesJson.Serialize(item)));
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => cache.RunAsync(stoppingToken);
}
