using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>What state a daemon pod is in, from its phase, conditions and container states.</summary>
public static class PodClassifier
{
    /// <summary>A pod still Terminating this long after its grace period ended is stuck (a hung kubelet, a lost node).</summary>
    public static readonly TimeSpan TerminationOverdue = TimeSpan.FromSeconds(60);

    public static (PodCondition Condition, string? Message) Classify(V1Pod pod, DateTimeOffset now)
    {
        if (pod.Metadata.DeletionTimestamp is { } deadline)
        {
            var overdue = now - new DateTimeOffset(DateTime.SpecifyKind(deadline, DateTimeKind.Utc));
            return overdue > TerminationOverdue
                ? (PodCondition.TerminatingTooLong, $"Terminating for {HumanDuration.Format(overdue)} past its grace period")
                : (PodCondition.Terminating, null);
        }

        if (pod.Status?.Reason == "Evicted")
        {
            return (PodCondition.Evicted, pod.Status.Message);
        }

        if (pod.Status?.Phase == "Failed")
        {
            return (PodCondition.Failed, pod.Status.Message ?? Terminated(pod)?.Reason);
        }

        if (pod.Status?.Phase == "Unknown")
        {
            return (PodCondition.Unknown, "the node stopped reporting the pod's state");
        }

        var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled is { Status: "False" })
        {
            return (PodCondition.Unschedulable, scheduled.Message);
        }

        var container = pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.State?.Waiting is not null || c.Ready != true)
            ?? pod.Status?.ContainerStatuses?.FirstOrDefault();
        var waiting = container?.State?.Waiting;
        if (waiting is not null)
        {
            var lastTerminated = container!.LastState?.Terminated;
            return waiting.Reason switch
            {
                "CrashLoopBackOff" when lastTerminated?.Reason == "OOMKilled" => (PodCondition.OOMKilled, $"OOMKilled, restarted {container.RestartCount} times"),
                "CrashLoopBackOff" => (PodCondition.CrashLoopBackOff, $"last exit {lastTerminated?.Reason ?? "Error"} (code {lastTerminated?.ExitCode ?? 1}), restarted {container.RestartCount} times"),
                "ImagePullBackOff" => (PodCondition.ImagePullBackOff, waiting.Message),
                "ErrImagePull" => (PodCondition.ErrImagePull, waiting.Message),
                "ContainerCreating" or "PodInitializing" => (PodCondition.ContainerCreating, waiting.Message),
                _ => (PodCondition.NotReady, $"{waiting.Reason}: {waiting.Message}"),
            };
        }

        return pod.Status?.Phase switch
        {
            "Running" when DaemonPods.IsReady(pod) => (PodCondition.Healthy, null),
            "Running" => (PodCondition.NotReady, "running but not Ready"),
            _ => (PodCondition.Starting, null),
        };
    }

    /// <summary>Conditions in which a pod will not become available by waiting.</summary>
    public static bool IsStuck(PodCondition condition) => condition is PodCondition.ImagePullBackOff or PodCondition.ErrImagePull
        or PodCondition.CrashLoopBackOff or PodCondition.OOMKilled or PodCondition.Unknown or PodCondition.TerminatingTooLong
        or PodCondition.Evicted or PodCondition.Failed or PodCondition.Unschedulable;

    public static bool IsBrokenTemplate(PodCondition condition) => condition is PodCondition.ImagePullBackOff or PodCondition.ErrImagePull
        or PodCondition.CrashLoopBackOff or PodCondition.OOMKilled;

    private static V1ContainerStateTerminated? Terminated(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.Select(c => c.State?.Terminated ?? c.LastState?.Terminated).FirstOrDefault(t => t is not null);
}
