using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Waits for a DaemonSet to roll out the way <c>kubectl rollout status</c> does: list the one object by
/// field selector, then watch from the list's resourceVersion, judging every version with kubectl's rule.
/// A dropped or expired watch is followed by a fresh list, so nothing is missed.
/// </summary>
public sealed partial class RolloutWaiter(IKubernetes client, TimeProvider time, ILogger<RolloutWaiter> logger)
{
    private static readonly TimeSpan RelistDelay = TimeSpan.FromSeconds(1);

    public async Task<RolloutWaitResult> WaitAsync(DaemonSetTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var lastMessage = new StrongBox<string>("");
        try
        {
            while (true)
            {
                var list = await client.AppsV1.ListNamespacedDaemonSetAsync(
                    target.Namespace, fieldSelector: $"metadata.name={target.Name}", cancellationToken: linked.Token);
                if (list.Items.Count == 0)
                {
                    return new RolloutWaitResult.Deleted($"daemon set \"{target.Name}\" not found in namespace {target.Namespace}");
                }

                var verdict = Judge(list.Items[0], lastMessage);
                if (verdict is not null)
                {
                    return verdict;
                }

                var ended = await WatchAsync(target, list.Metadata.ResourceVersion, lastMessage, linked.Token);
                if (ended is not null)
                {
                    return ended;
                }

                await Task.Delay(RelistDelay, time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new RolloutWaitResult.TimedOut(lastMessage.Value!, timeout);
        }
    }

    private async Task<RolloutWaitResult?> WatchAsync(DaemonSetTarget target, string resourceVersion, StrongBox<string> lastMessage, CancellationToken cancellationToken)
    {
        try
        {
            var events = client.AppsV1.WatchListNamespacedDaemonSetAsync(
                target.Namespace,
                fieldSelector: $"metadata.name={target.Name}",
                resourceVersion: resourceVersion,
                allowWatchBookmarks: true,
                cancellationToken: cancellationToken);
            await foreach (var (type, daemonSet) in events.WithCancellation(cancellationToken))
            {
                switch (type)
                {
                    case WatchEventType.Deleted:
                        return new RolloutWaitResult.Deleted("object has been deleted");
                    case WatchEventType.Added or WatchEventType.Modified:
                        var verdict = Judge(daemonSet, lastMessage);
                        if (verdict is not null)
                        {
                            return verdict;
                        }

                        break;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWatchDropped(target.Namespace, target.Name, exception);
        }

        return null;
    }

    private RolloutWaitResult? Judge(V1DaemonSet daemonSet, StrongBox<string> lastMessage)
    {
        var status = RolloutStatus.Evaluate(daemonSet);
        if (status.Error == RolloutStatus.OnDeleteError)
        {
            // kubectl will not judge an OnDelete DaemonSet; after the runner replaced its pods, kubectl's counting
            // rule still tells whether every node runs the new template, available.
            status = RolloutStatus.Evaluate(new V1DaemonSet
            {
                Metadata = daemonSet.Metadata,
                Spec = new V1DaemonSetSpec { UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate" } },
                Status = daemonSet.Status,
            });
        }

        if (status.Error is not null)
        {
            return new RolloutWaitResult.NotTrackable(status.Error);
        }

        var message = status.Message.TrimEnd('\n');
        if (message != lastMessage.Value)
        {
            lastMessage.Value = message;
            LogRolloutProgress(daemonSet.Namespace(), daemonSet.Name(), message);
        }

        return status.Done ? new RolloutWaitResult.RolledOut(message) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout of {Namespace}/{DaemonSet}: {RolloutMessage}")]
    private partial void LogRolloutProgress(string @namespace, string daemonSet, string rolloutMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch on {Namespace}/{DaemonSet} dropped; listing again")]
    private partial void LogWatchDropped(string @namespace, string daemonSet, Exception exception);
}
