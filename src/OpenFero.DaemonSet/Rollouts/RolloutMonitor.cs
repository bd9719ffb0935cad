using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// Every DaemonSet's rollout, live: one list+watch of DaemonSets (for the cluster, or one per namespace of
/// <c>Runner:AllowNamespaces</c>) and, per DaemonSet, one watch of its pods by its selector. Events update each
/// DaemonSet's <see cref="DaemonSetRollout"/>; nothing is listed again after the initial sync unless a watch breaks.
/// A clock tick makes ready pods available and rollouts stall. Views go to readers, subscribers (the stream) and the metrics.
/// </summary>
public sealed partial class RolloutMonitor(
    IKubernetes client,
    IOptions<AnalysisOptions> analysis,
    IOptions<RemediationPolicy> policy,
    TimeProvider time,
    ILogger<RolloutMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, WatchedDaemonSet> watched = new(StringComparer.Ordinal);
    private readonly TimeSpan deadline = analysis.Value.DaemonsetRolloutMonitor.ProgressDeadline;
    private CancellationToken stopping;
    private ListWatch<V1Node>? nodes;
    private volatile bool synced;

    public bool Enabled => analysis.Value.DaemonsetRolloutMonitor is { Enabled: true, MonitorProgress: true };

    /// <summary>Whether the DaemonSet lists have been read once.</summary>
    public bool Synced => synced;

    public TimeSpan ProgressDeadline => deadline;

    /// <summary>A rollout went progressing, stalled or complete (and when a DaemonSet is first seen); raised under the DaemonSet's lock, so handlers only take note.</summary>
    public event Action<RolloutView>? PhaseChanged;

    /// <summary>
    /// The cluster did something to a watched DaemonSet that may run the workflows (<see cref="RolloutTrigger"/>); raised
    /// on a watch's thread, possibly under the DaemonSet's lock, so handlers only take note.
    /// </summary>
    public event Action<RolloutTrigger, DaemonSetTarget>? Triggered;

    /// <summary>
    /// Why no remediation should start now: the DaemonSet's rollout was seen moving within the progress deadline. Null
    /// when it is stalled or complete, not watched, or only assumed progressing since this server first saw it.
    /// </summary>
    public string? ProgressingReason(string ns, string name) =>
        watched.TryGetValue(Key(ns, name), out var entry) &&
        entry.Progress(time.GetUtcNow(), deadline) is ({ State: RolloutPhase.Progressing } progress, true)
            ? $"the rollout of daemonset {ns}/{name} is progressing ({progress.Reason}); it is judged stalled after {Semantics.HumanDuration.Format(deadline)} without progress"
            : null;

    /// <summary>The DaemonSet's rollout now, or null when it is not watched (unknown, or the monitor is off).</summary>
    public RolloutView? Get(string ns, string name) =>
        watched.TryGetValue(Key(ns, name), out var entry) ? entry.View(time.GetUtcNow(), deadline) : null;

    /// <summary>Every watched DaemonSet's rollout now.</summary>
    public IReadOnlyList<RolloutView> All()
    {
        var now = time.GetUtcNow();
        return [.. watched.Values.Select(w => w.View(now, deadline)).OrderBy(v => v.Namespace, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal)];
    }

    /// <summary>How often a stream repeats the rollout when nothing changed, so proxies keep the connection and readers see it is live.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The rollout now, then every change (a step, the counts, the state), and the rollout again after
    /// <see cref="Heartbeat"/> without one; until cancelled or the DaemonSet is gone.
    /// </summary>
    public async IAsyncEnumerable<RolloutView> WatchAsync(string ns, string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!watched.TryGetValue(Key(ns, name), out var entry))
        {
            yield break;
        }

        var changes = Channel.CreateBounded<RolloutView>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        entry.Subscribe(changes);
        try
        {
            yield return entry.View(time.GetUtcNow(), deadline);
            while (await NextAsync(changes.Reader, cancellationToken) is { } next)
            {
                yield return next.View ?? entry.View(time.GetUtcNow(), deadline);
            }
        }
        finally
        {
            entry.Unsubscribe(changes);
        }
    }

    /// <summary>The next change, a heartbeat (no view) after <see cref="Heartbeat"/> without one, or null at the end.</summary>
    private async Task<Next?> NextAsync(ChannelReader<RolloutView> changes, CancellationToken cancellationToken)
    {
        if (changes.TryRead(out var ready))
        {
            return new Next(ready);
        }

        using var beat = new CancellationTokenSource(Heartbeat, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(beat.Token, cancellationToken);
        try
        {
            return await changes.WaitToReadAsync(either.Token) && changes.TryRead(out var view) ? new Next(view) : null;
        }
        catch (OperationCanceledException) when (beat.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new Next(null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed record Next(RolloutView? View);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        stopping = stoppingToken;
        var namespaces = policy.Value.AllowNamespaces.Count > 0 ? policy.Value.AllowNamespaces.Cast<string?>().ToList() : [null];
        var caches = namespaces.Select(DaemonSets).ToList();
        foreach (var cache in caches)
        {
            cache.Changed += (_, daemonSet) => Observe(daemonSet);
            cache.Removed += Forget;
        }

        var failedCreates = namespaces.Select(FailedCreates).ToList();

        // The nodes, for the nodes whose turn in a rollout has not come.
        nodes = new ListWatch<V1Node>(
            "nodes",
            async token =>
            {
                var list = await client.CoreV1.ListNodeAsync(cancellationToken: token);
                return (list.Items, list.Metadata.ResourceVersion);
            },
            (resourceVersion, token) => client.CoreV1.WatchListNodeAsync(resourceVersion: resourceVersion, allowWatchBookmarks: false, cancellationToken: token),
            time,
            logger);
        var runs = caches.Select(c => c.RunAsync(stoppingToken)).Concat(failedCreates.Select(c => c.RunAsync(stoppingToken))).ToList();
        runs.Add(nodes.RunAsync(stoppingToken));
        runs.Add(TickAsync(caches, stoppingToken));
        await Task.WhenAll(runs);
        foreach (var entry in watched.Values)
        {
            entry.Stop();
        }
    }

    private ListWatch<V1DaemonSet> DaemonSets(string? ns) => new(
        ns is null ? "daemonsets in every namespace" : $"daemonsets in {ns}",
        async token =>
        {
            var list = ns is null
                ? await client.AppsV1.ListDaemonSetForAllNamespacesAsync(cancellationToken: token)
                : await client.AppsV1.ListNamespacedDaemonSetAsync(ns, cancellationToken: token);
            return (list.Items, list.Metadata.ResourceVersion);
        },
        (resourceVersion, token) => ns is null
            ? client.AppsV1.WatchListDaemonSetForAllNamespacesAsync(resourceVersion: resourceVersion, allowWatchBookmarks: false, cancellationToken: token)
            : client.AppsV1.WatchListNamespacedDaemonSetAsync(ns, resourceVersion: resourceVersion, allowWatchBookmarks: false, cancellationToken: token),
        time,
        logger,
        d => Key(d.Metadata.NamespaceProperty, d.Metadata.Name));

    /// <summary>
    /// The DaemonSet controller's <c>FailedCreate</c> Events, watched (one list, then a watch by reason and kind): a new
    /// one, or a repeat (its count went up), after the first list is a trigger for its DaemonSet.
    /// </summary>
    private ListWatch<Corev1Event> FailedCreates(string? ns)
    {
        var cache = EventListWatch.Of(client, ns, "reason=FailedCreate,involvedObject.kind=DaemonSet", "FailedCreate events", time, logger);
        cache.Changed += (previous, current) =>
        {
            if (cache.Synced && (previous is null || (current.Count ?? 0) > (previous.Count ?? 0)) &&
                current.InvolvedObject is { } involved && watched.ContainsKey(Key(involved.NamespaceProperty, involved.Name)))
            {
                Triggered?.Invoke(RolloutTrigger.FailedCreate, new DaemonSetTarget(involved.NamespaceProperty, involved.Name));
            }
        };
        return cache;
    }

    private async Task TickAsync(IReadOnlyList<ListWatch<V1DaemonSet>> caches, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                synced = caches.All(c => c.Synced);
                var now = time.GetUtcNow();
                foreach (var entry in watched.Values)
                {
                    entry.Update(r => r.ObserveTime(now), now, deadline);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Observe(V1DaemonSet daemonSet)
    {
        var ns = daemonSet.Metadata.NamespaceProperty;
        var name = daemonSet.Metadata.Name;
        var entry = watched.GetOrAdd(Key(ns, name), _ => new WatchedDaemonSet(new DaemonSetRollout(ns, name), () => nodes?.Items ?? [], view => PhaseChanged?.Invoke(view), (trigger, target) => Triggered?.Invoke(trigger, target)));
        var now = time.GetUtcNow();
        entry.Update(r => r.ObserveDaemonSet(daemonSet, now), now, deadline);
        var selector = LabelSelectorQuery.Of(daemonSet.Spec?.Selector);
        if (entry.WatchesPodsBy(selector))
        {
            return;
        }

        var pods = new ListWatch<V1Pod>(
            $"pods of daemonset {ns}/{name}",
            async token =>
            {
                var list = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: token);
                return (list.Items, list.Metadata.ResourceVersion);
            },
            (resourceVersion, token) => client.CoreV1.WatchListNamespacedPodAsync(ns, labelSelector: selector, resourceVersion: resourceVersion, allowWatchBookmarks: false, cancellationToken: token),
            time,
            logger,
            p => p.Metadata.Uid);
        pods.Changed += (_, pod) => entry.Update(r => r.ObservePod(pod, time.GetUtcNow()), time.GetUtcNow(), deadline);
        pods.Removed += pod => entry.Update(r => r.ObservePodRemoved(pod, time.GetUtcNow()), time.GetUtcNow(), deadline);
        entry.WatchPods(selector, pods, stopping);
        LogWatching(logger, ns, name, selector);
    }

    private void Forget(V1DaemonSet daemonSet)
    {
        if (watched.TryRemove(Key(daemonSet.Metadata.NamespaceProperty, daemonSet.Metadata.Name), out var entry))
        {
            entry.Stop();
        }
    }

    private static string Key(string ns, string name) => $"{ns}/{name}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watching the rollout of daemonset {Namespace}/{Name} (pods {Selector})")]
    private static partial void LogWatching(ILogger logger, string @namespace, string name, string selector);
}
