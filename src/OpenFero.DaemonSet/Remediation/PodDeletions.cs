using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OpenFero.DaemonSet.Alerting;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Deletes stuck pods a batch at a time, each with its UID as precondition (a replacement of the same name is
/// never touched), and waits for each batch to be gone before the next, so no more pods are missing at once
/// than the budget allows.
/// </summary>
public sealed partial class PodDeletions(IKubernetes client, DaemonSetEvents events, TimeProvider time, ILogger<PodDeletions> logger)
{
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public async Task<int> DeleteAsync(DaemonSetTarget target, RemediationStep.DeletePods step, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var batch in step.Pods.Chunk(step.BatchSize))
        {
            foreach (var pod in batch)
            {
                if (await DeleteOneAsync(target, pod, cancellationToken))
                {
                    deleted++;
                    LogDeleted(logger, target.Namespace, pod.Name, pod.Node ?? "-", pod.Condition.ToString());
                    await events.RecordAsync(target, "StuckPodDeleted",
                        $"deleted {pod.Name} on {pod.Node ?? "-"} ({pod.Condition}{(pod.Force ? ", forced: its kubelet does not finish it" : "")})", "Normal", cancellationToken);
                }
            }

            await WaitGoneAsync(target, batch, cancellationToken);
        }

        return deleted;
    }

    private async Task<bool> DeleteOneAsync(DaemonSetTarget target, PodToDelete pod, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedPodAsync(pod.Name, target.Namespace,
                new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = pod.Uid }, GracePeriodSeconds = pod.Force ? 0 : null },
                gracePeriodSeconds: pod.Force ? 0 : null, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException gone) when (gone.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or already replaced by a pod of the same name: nothing of ours to delete.
            return false;
        }
    }

    private async Task WaitGoneAsync(DaemonSetTarget target, IReadOnlyList<PodToDelete> batch, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + BatchTimeout;
        while (time.GetUtcNow() < deadline)
        {
            var remaining = 0;
            foreach (var pod in batch)
            {
                try
                {
                    var current = await client.CoreV1.ReadNamespacedPodAsync(pod.Name, target.Namespace, cancellationToken: cancellationToken);
                    remaining += current.Metadata.Uid == pod.Uid ? 1 : 0;
                }
                catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    // Gone.
                }
            }

            if (remaining == 0)
            {
                return;
            }

            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted pod {Namespace}/{Pod} on {Node} ({Condition})")]
    private static partial void LogDeleted(ILogger logger, string @namespace, string pod, string node, string condition);
}
