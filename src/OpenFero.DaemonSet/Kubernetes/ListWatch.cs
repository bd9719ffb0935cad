using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// A cluster-backed cache of one kind: list, then watch from the list's resourceVersion; when the watch ends,
/// drops or expires, list again. Every replica sees the same objects because they come from the API server.
/// </summary>
public sealed partial class ListWatch<T>(
    string description,
    Func<CancellationToken, Task<(IList<T> Items, string ResourceVersion)>> list,
    Func<string, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> watch,
    TimeProvider time,
    ILogger logger,
    Func<T, string>? key = null)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, T> items = new(StringComparer.Ordinal);
    private volatile bool synced;
    private volatile IReadOnlyList<T> snapshot = [];
    private readonly Func<T, string> keyOf = key ?? (o => o.Metadata.Name);

    /// <summary>Called for every object seen added or changed (previous version or null, current version).</summary>
    public event Action<T?, T>? Changed;

    /// <summary>Called for every object seen deleted, or gone from a new list (its last version).</summary>
    public event Action<T>? Removed;

    /// <summary>Called when a list or a watch failed (after the client's retries), before listing again.</summary>
    public event Action<Exception>? Failed;

    public bool Synced => synced;

    /// <summary>The objects as last seen, as an immutable list (rebuilt on change, so reading it is free).</summary>
    public IReadOnlyList<T> Items => snapshot;

    /// <summary>The object under its key: its name, unless the cache was given another key.</summary>
    public T? Get(string key) => items.GetValueOrDefault(key);

    /// <summary>Records an object this process just wrote, before its watch event arrives.</summary>
    public void Remember(T obj)
    {
        items[keyOf(obj)] = obj;
        snapshot = [.. items.Values];
    }

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled, then returns normally.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListThenWatchAsync(cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: the client reports the cut-off call as it pleases (canceled, a torn stream); none of it is a failure.
                return;
            }
            catch (Exception error)
            {
                LogRelisting(logger, description, error.Message);
                Failed?.Invoke(error);
                try
                {
                    await Task.Delay(RetryDelay, time, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task ListThenWatchAsync(CancellationToken cancellationToken)
    {
        var (current, resourceVersion) = await list(cancellationToken);
        var names = current.Select(keyOf).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in items.Keys.Where(k => !names.Contains(k)).ToList())
        {
            if (items.TryRemove(gone, out var last))
            {
                Removed?.Invoke(last);
            }
        }

        snapshot = [.. items.Values];

        foreach (var item in current)
        {
            Apply(WatchEventType.Modified, item);
        }

        synced = true;
        await foreach (var (type, item) in watch(resourceVersion, cancellationToken))
        {
            Apply(type, item);
        }
    }

    private void Apply(WatchEventType type, T item)
    {
        var name = keyOf(item);
        if (type == WatchEventType.Deleted)
        {
            items.TryRemove(name, out _);
            snapshot = [.. items.Values];
            Removed?.Invoke(item);
            return;
        }

        if (type is WatchEventType.Added or WatchEventType.Modified)
        {
            items.TryGetValue(name, out var previous);
            items[name] = item;
            snapshot = [.. items.Values];
            Changed?.Invoke(previous, item);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch on {Description} ended ({Reason}); listing again")]
    private static partial void LogRelisting(ILogger logger, string description, string reason);
}
