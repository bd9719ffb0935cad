using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Waits, the way <see cref="RolloutWaiter"/> does, until every node of a deleted batch runs an available replacement:
/// list the DaemonSet's pods, then watch from the list's resourceVersion, judging every change. A dropped watch, or
/// the moment a Ready pod has been Ready for minReadySeconds, is followed by a fresh list.
/// </summary>
public sealed partial class ReplacementWaiter(IKubernetes client, TimeProvider time, ILogger<ReplacementWaiter> logger)
{
    private static readonly TimeSpan RelistDelay = TimeSpan.FromSeconds(1);

    /// <summary>The nodes still without an available replacement when <paramref name="timeout"/> ran out; empty when all were replaced.</summary>
    public async Task<IReadOnlyList<string>> WaitAsync(DaemonSetTarget target, IReadOnlyList<PodToDelete> batch, string? revision, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var nodes = batch.Select(p => p.Node).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (nodes.Count == 0)
        {
            return [];
        }

        var deleted = batch.Select(p => p.Uid).ToHashSet(StringComparer.Ordinal);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        V1DaemonSet? daemonSet = null;
        IReadOnlyList<string> missing = nodes;
        try
        {
            daemonSet = await client.AppsV1.ReadNamespacedDaemonSetAsync(target.Name, target.Namespace, cancellationToken: linked.Token);
            var selector = string.Join(",", (daemonSet.Spec.Selector?.MatchLabels ?? new Dictionary<string, string>()).Select(kv => $"{kv.Key}={kv.Value}"));
            while (true)
            {
                var list = await client.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: selector, cancellationToken: linked.Token);
                var pods = list.Items.ToDictionary(p => p.Metadata.Uid, StringComparer.Ordinal);
                var state = Replacements.Judge(daemonSet, revision, pods.Values, nodes, deleted, time.GetUtcNow());
                missing = state.Missing;
                if (missing.Count == 0)
                {
                    return [];
                }

                using var recheck = state.RecheckAt is { } at ? new CancellationTokenSource(at - time.GetUtcNow(), time) : new CancellationTokenSource();
                using var watchToken = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, recheck.Token);
                missing = await WatchAsync(target, selector, list.Metadata.ResourceVersion, daemonSet, revision, nodes, deleted, pods, watchToken.Token);
                if (missing.Count == 0)
                {
                    return [];
                }

                if (!recheck.IsCancellationRequested)
                {
                    await Task.Delay(RelistDelay, time, linked.Token);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return daemonSet is null ? missing : await StillExpectedAsync(daemonSet, missing, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<string>> WatchAsync(DaemonSetTarget target, string selector, string resourceVersion, V1DaemonSet daemonSet, string? revision,
        IReadOnlyList<string> nodes, HashSet<string> deleted, Dictionary<string, V1Pod> pods, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> missing = nodes;
        try
        {
            var events = client.CoreV1.WatchListNamespacedPodAsync(target.Namespace, labelSelector: selector, resourceVersion: resourceVersion,
                allowWatchBookmarks: true, cancellationToken: cancellationToken);
            await foreach (var (type, pod) in events.WithCancellation(cancellationToken))
            {
                switch (type)
                {
                    case WatchEventType.Added or WatchEventType.Modified:
                        pods[pod.Metadata.Uid] = pod;
                        break;
                    case WatchEventType.Deleted:
                        pods.Remove(pod.Metadata.Uid);
                        break;
                    default:
                        continue;
                }

                missing = Replacements.Judge(daemonSet, revision, pods.Values, nodes, deleted, time.GetUtcNow()).Missing;
                if (missing.Count == 0)
                {
                    return missing;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWatchDropped(target.Namespace, target.Name, exception);
        }
        catch (OperationCanceledException)
        {
            // The deadline, or the moment a Ready pod becomes available: the caller tells which.
        }

        return missing;
    }

    /// <summary>Leaves out nodes that are gone or no longer take the DaemonSet's pod: no replacement comes there.</summary>
    private async Task<IReadOnlyList<string>> StillExpectedAsync(V1DaemonSet daemonSet, IReadOnlyList<string> missing, CancellationToken cancellationToken)
    {
        var expected = new List<string>();
        foreach (var name in missing)
        {
            var node = (await client.CoreV1.ListNodeAsync(fieldSelector: $"metadata.name={name}", cancellationToken: cancellationToken)).Items.FirstOrDefault();
            if (node is not null && DaemonPodPlacement.Evaluate(node, daemonSet).ShouldRun)
            {
                expected.Add(name);
            }
        }

        return expected;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod watch on {Namespace}/{DaemonSet} dropped; listing again")]
    private partial void LogWatchDropped(string @namespace, string daemonSet, Exception exception);
}
