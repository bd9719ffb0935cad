using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Deletes stuck pods a batch at a time, each with its UID as precondition (a replacement of the same name is
/// never touched), and waits for each batch's replacements to be available before the next, so no more pods are
/// missing at once than the budget allows. A batch not replaced in time stops the deletions. Misscheduled pods
/// (<see cref="RemediationStep.DeletePods.Misscheduled"/>) have no replacement: the planner keeps them within the budget.
/// </summary>
public sealed partial class PodDeletions(IKubernetes client, ReplacementWaiter replacements, DaemonSetEvents events, ILogger<PodDeletions> logger)
{
    /// <summary>Deletes <paramref name="step"/>'s pods; <paramref name="daemonSet"/> is the DaemonSet they belong to, as read, for the Events.</summary>
    public async Task<PodDeletionResult> DeleteAsync(DaemonSetTarget target, V1DaemonSet? daemonSet, RemediationStep.DeletePods step, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var batch in step.Pods.Chunk(step.BatchSize))
        {
            foreach (var pod in batch)
            {
                if (await DeleteOneAsync(target, pod, cancellationToken))
                {
                    deleted++;
                    var why = pod.Reason ?? $"{pod.Condition}{(pod.Force ? ", forced: its kubelet does not finish it" : "")}";
                    LogDeleted(logger, target.Namespace, pod.Name, pod.Node ?? "-", why);
                    await events.RecordAsync(target, daemonSet, DaemonSetEvent.Normal(step.Misscheduled ? "MisscheduledPodDeleted" : "StuckPodDeleted", DaemonSetEvent.Actions.DeletePod,
                        $"deleted {pod.Name} on {pod.Node ?? "-"} ({why})"), cancellationToken);
                }
            }

            if (step.Misscheduled)
            {
                // No daemon pod belongs on a misscheduled pod's node: there is no replacement to wait for.
                continue;
            }

            var missing = await replacements.WaitAsync(target, batch, step.Revision, step.BatchTimeout, cancellationToken);
            if (missing.Count > 0)
            {
                return new PodDeletionResult.ReplacementTimedOut(deleted, missing, step.BatchTimeout);
            }
        }

        return new PodDeletionResult.Done(deleted);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted pod {Namespace}/{Pod} on {Node} ({Reason})")]
    private static partial void LogDeleted(ILogger logger, string @namespace, string pod, string node, string reason);
}
