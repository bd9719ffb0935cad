using System.Collections.Concurrent;

namespace OpenFero.DaemonSet.Simulation.Faults;

/// <summary>Every request the simulated API server received, by Kubernetes verb and resource, and how many it is done with.</summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<(string Verb, string Resource), long> counts = new();
    private readonly ConcurrentDictionary<(string Verb, string Resource), long> finished = new();

    public void Record(string verb, string resource) => counts.AddOrUpdate((verb, resource), 1, (_, n) => n + 1);

    public void RecordFinished(string verb, string resource) => finished.AddOrUpdate((verb, resource), 1, (_, n) => n + 1);

    public long Count(string verb, string resource) => counts.GetValueOrDefault((verb, resource));

    /// <summary>
    /// Requests the server is done with: answered, failed, or dropped because their client went away. What a test
    /// waits for when a request is held up (an injected latency) and its end, not its start, matters.
    /// </summary>
    public long Finished(string verb, string resource) => finished.GetValueOrDefault((verb, resource));

    /// <summary>Requests to Kubernetes resources, discovery excluded.</summary>
    public long Total => counts.Where(kv => kv.Key.Resource != "discovery").Sum(kv => kv.Value);

    public IReadOnlyDictionary<string, long> Snapshot() =>
        counts.OrderBy(kv => kv.Key.Resource, StringComparer.Ordinal).ThenBy(kv => kv.Key.Verb, StringComparer.Ordinal)
            .ToDictionary(kv => $"{kv.Key.Verb} {kv.Key.Resource}", kv => kv.Value, StringComparer.Ordinal);

    public void Reset()
    {
        counts.Clear();
        finished.Clear();
    }
}
