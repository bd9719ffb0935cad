using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>The pod statuses a kubelet reports, one factory per situation.</summary>
public static class PodStatuses
{
    public static V1PodStatus Running(V1Pod pod, DateTime at, bool ready = true) => new()
    {
        Phase = "Running",
        StartTime = at,
        Conditions = Conditions(at, ready),
        ContainerStatuses = [.. Containers(pod).Select(c => new V1ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            ImageID = "",
            Ready = ready,
            Started = true,
            RestartCount = 0,
            State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = at } },
        })],
    };

    public static V1PodStatus Waiting(V1Pod pod, DateTime at, string reason, string message, int restarts = 0, V1ContainerState? lastState = null) => new()
    {
        Phase = reason is "ContainerCreating" or "ErrImagePull" or "ImagePullBackOff" ? "Pending" : "Running",
        StartTime = at,
        Conditions = Conditions(at, ready: false),
        ContainerStatuses = [.. Containers(pod).Select(c => new V1ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            ImageID = "",
            Ready = false,
            Started = false,
            RestartCount = restarts,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } },
            LastState = lastState,
        })],
    };

    public static V1PodStatus Unschedulable(string message, DateTime at) => new()
    {
        Phase = "Pending",
        Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message, LastTransitionTime = at }],
    };

    /// <summary>The kubelet refused the pod at admission: it never runs, Failed with the admission's reason (<c>OutOfmemory</c>…).</summary>
    public static V1PodStatus Rejected(string reason, string message) => new()
    {
        Phase = "Failed",
        Reason = reason,
        Message = message,
    };

    public static V1PodStatus Unknown(V1Pod pod, DateTime at)
    {
        var status = Running(pod, at, ready: false);
        status.Phase = "Unknown";
        return status;
    }

    /// <summary>The container exited: reason Completed or Error as the kubelet sets it, with its termination message.</summary>
    public static V1PodStatus Terminated(V1Pod pod, DateTime at, int exitCode, string? message = null, DateTime? startedAt = null) => new()
    {
        Phase = exitCode == 0 ? "Succeeded" : "Failed",
        StartTime = at,
        Conditions = Conditions(at, ready: false),
        ContainerStatuses = [.. Containers(pod).Select(c => new V1ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            ImageID = "",
            Ready = false,
            Started = false,
            RestartCount = 0,
            State = new V1ContainerState
            {
                Terminated = new V1ContainerStateTerminated
                {
                    ExitCode = exitCode,
                    Reason = exitCode == 0 ? "Completed" : "Error",
                    Message = string.IsNullOrEmpty(message) ? null : message,
                    StartedAt = startedAt ?? at,
                    FinishedAt = at,
                },
            },
        })],
    };

    private static List<V1PodCondition> Conditions(DateTime at, bool ready)
    {
        var status = ready ? "True" : "False";
        return
        [
            new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = at },
            new V1PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = at },
            new V1PodCondition { Type = "ContainersReady", Status = status, LastTransitionTime = at },
            new V1PodCondition { Type = "Ready", Status = status, LastTransitionTime = at },
        ];
    }

    private static IEnumerable<V1Container> Containers(V1Pod pod) => pod.Spec?.Containers ?? [];
}
