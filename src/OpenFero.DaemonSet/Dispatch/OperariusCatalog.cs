using System.Collections.Concurrent;
using k8s;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Metrics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// The Operarii of the Operarius namespace, kept current with list+watch; ready once first listed. Counted on
/// /metrics as OpenFero does: the Operarii loaded, and each failed list or watch. Each Operarius' templates are
/// parsed when it is loaded or its spec changes (<see cref="TemplatesOf"/>), not per alert.
/// </summary>
public sealed class OperariusCatalog : BackgroundService
{
    private readonly ListWatch<Operarius> cache;
    private readonly ConcurrentDictionary<string, (string Version, JobTemplates Templates)> templates = new(StringComparer.Ordinal);

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
        cache.Changed += (_, current) =>
        {
            TemplatesOf(current);
            Changed?.Invoke(current);
        };
        metrics.ObserveOperariiLoaded(() => cache.Items.Count);
    }

    public bool IsReady => cache.Synced;

    public IReadOnlyList<Operarius> Operarii => cache.Items;

    /// <summary>Called for every Operarius seen added or changed (its status included), after its templates were parsed.</summary>
    public event Action<Operarius>? Changed;

    /// <summary>The Operarius' parsed templates: parsed once per version of its spec (uid and generation).</summary>
    public JobTemplates TemplatesOf(Operarius operarius)
    {
        var version = $"{operarius.Metadata.Uid}/{(operarius.Metadata.Generation is > 0 ? operarius.Metadata.Generation : operarius.Metadata.ResourceVersion)}";
        if (templates.TryGetValue(operarius.Metadata.Name, out var parsed) && parsed.Version == version)
        {
            return parsed.Templates;
        }

        var current = JobTemplates.Parse(operarius.Spec.JobTemplate);
        templates[operarius.Metadata.Name] = (version, current);
        return current;
    }

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
