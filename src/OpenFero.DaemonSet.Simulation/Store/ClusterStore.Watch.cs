using System.Threading.Channels;

namespace OpenFero.DaemonSet.Simulation.Store;

public sealed partial class ClusterStore
{
    /// <summary>
    /// Starts a watch on one kind (one namespace, or all when <paramref name="ns"/> is null). Events after
    /// <paramref name="sinceResourceVersion"/> still in the history are replayed first; an older version is
    /// 410 Gone, as from the real API server. Dispose the subscription to stop.
    /// </summary>
    public WatchSubscription Watch(ResourceType type, string? ns, long sinceResourceVersion)
    {
        lock (gate)
        {
            var oldest = history.Count == 0 ? resourceVersion : history.Peek().ResourceVersion;
            if (sinceResourceVersion > 0 && sinceResourceVersion < oldest - 1)
            {
                throw ApiException.Gone($"too old resource version: {sinceResourceVersion} ({oldest - 1})");
            }

            var subscription = new WatchSubscription(this, type, ns);
            if (sinceResourceVersion > 0)
            {
                foreach (var change in history)
                {
                    if (change.ResourceVersion > sinceResourceVersion && subscription.Wants(change))
                    {
                        subscription.Channel.Writer.TryWrite(change);
                    }
                }
            }

            subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>The objects of a kind as they are now, and a watch that starts exactly after them: no gap, no overlap.</summary>
    public (IReadOnlyList<StoredObject> Current, long ResourceVersion, WatchSubscription Subscription) ListAndWatch(ResourceType type, string? ns)
    {
        lock (gate)
        {
            var subscription = new WatchSubscription(this, type, ns);
            subscriptions.Add(subscription);
            return (List(type, ns), resourceVersion, subscription);
        }
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (gate)
        {
            subscriptions.Remove(subscription);
        }

        subscription.Channel.Writer.TryComplete();
    }

    private void Publish(WatchEvent change)
    {
        history.Enqueue(change);
        while (history.Count > historyCapacity)
        {
            history.Dequeue();
        }

        foreach (var subscription in subscriptions)
        {
            if (subscription.Wants(change))
            {
                subscription.Channel.Writer.TryWrite(change);
            }
        }
    }
}

/// <summary>An open watch: read <see cref="Events"/> until disposed.</summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly ClusterStore store;

    internal WatchSubscription(ClusterStore store, ResourceType type, string? ns)
    {
        this.store = store;
        Type = type;
        Namespace = ns;
    }

    public ResourceType Type { get; }
    public string? Namespace { get; }
    internal Channel<WatchEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WatchEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    public ChannelReader<WatchEvent> Events => Channel.Reader;

    internal bool Wants(WatchEvent change) =>
        change.Resource == Type && (Namespace is null || !Type.Namespaced || change.Namespace == Namespace);

    public void Dispose() => store.Unsubscribe(this);
}
