using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Watches a DaemonSet after a rung for at most the rung's timeout, until <see cref="StepProgress"/> sees it move:
/// list the one object by field selector, then watch from the list's resourceVersion; a dropped watch is followed
/// by a fresh list, so no status is missed.
/// </summary>
public sealed partial class StepProgressWatcher(IKubernetes client, TimeProvider time, ILogger<StepProgressWatcher> logger)
{
    private static readonly TimeSpan RelistDelay = TimeSpan.FromSeconds(1);

    public async Task<StepWatchResult> WatchAsync(DaemonSetTarget target, StepBaseline baseline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        V1DaemonSet? last = null;
        try
        {
            while (true)
            {
                var list = await client.AppsV1.ListNamespacedDaemonSetAsync(
                    target.Namespace, fieldSelector: $"metadata.name={target.Name}", cancellationToken: linked.Token);
                if (list.Items.Count == 0)
                {
                    return new StepWatchResult.Deleted();
                }

                last = list.Items[0];
                if (StepProgress.Moved(last, baseline) is { } how)
                {
                    return new StepWatchResult.Helped(how);
                }

                await foreach (var (type, daemonSet) in WatchAsync(target, list.Metadata.ResourceVersion, linked.Token))
                {
                    if (type == WatchEventType.Deleted)
                    {
                        return new StepWatchResult.Deleted();
                    }

                    last = daemonSet;
                    if (StepProgress.Moved(daemonSet, baseline) is { } moved)
                    {
                        return new StepWatchResult.Helped(moved);
                    }
                }

                await Task.Delay(RelistDelay, time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new StepWatchResult.DidNotHelp(StepProgress.Counts(last, baseline), timeout);
        }
    }

    /// <summary>The watch's events until it ends or drops; a dropped watch ends the sequence, and the caller lists again.</summary>
    private async IAsyncEnumerable<(WatchEventType Type, V1DaemonSet DaemonSet)> WatchAsync(
        DaemonSetTarget target, string resourceVersion, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = client.AppsV1.WatchListNamespacedDaemonSetAsync(
            target.Namespace, fieldSelector: $"metadata.name={target.Name}", resourceVersion: resourceVersion,
            allowWatchBookmarks: true, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogWatchDropped(target.Namespace, target.Name, exception);
                    yield break;
                }

                if (events.Current.Item1 is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
                {
                    yield return events.Current;
                }
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch on {Namespace}/{DaemonSet} dropped while judging a step; listing again")]
    private partial void LogWatchDropped(string @namespace, string daemonSet, Exception exception);
}
