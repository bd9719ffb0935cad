using System.Collections.Concurrent;

namespace OpenFero.DaemonSet.Simulation.Faults;

/// <summary>Every request the simulated API server received, by Kubernetes verb and resource.</summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<(string Verb, string Resource), long> counts = new();

    public void Record(string verb, string resource) => counts.AddOrUpdate((verb, resource), 1, (_, n) => n + 1);

    public long Count(string verb, string resource) => counts.GetValueOrDefault((verb, resource));

    /// <summary>Requests to Kubernetes resources, discovery excluded.</summary>
    public long Total => counts.Where(kv => kv.Key.Resource != "discovery").Sum(kv => kv.Value);

    public IReadOnlyDictionary<string, long> Snapshot() =>
        counts.OrderBy(kv => kv.Key.Resource, StringComparer.Ordinal).ThenBy(kv => kv.Key.Verb, StringComparer.Ordinal)
            .ToDictionary(kv => $"{kv.Key.Verb} {kv.Key.Resource}", kv => kv.Value, StringComparer.Ordinal);

    public void Reset() => counts.Clear();
}
