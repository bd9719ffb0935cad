using System.Globalization;
using k8s.Models;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// The STATUS column of <c>kubectl get pods</c> (<c>printPod</c> in kubernetes' printers): the phase, replaced by the
/// pod's reason, then by an init container's or a container's waiting or terminated reason (the first container
/// wins), and by Terminating while a deletion is pending — Unknown if the node was lost.
/// </summary>
public static class KubectlPodStatus
{
    private const string NodeLost = "NodeLost";

    public static string Of(V1Pod pod)
    {
        var phase = pod.Status?.Phase ?? "Pending";
        var status = string.IsNullOrEmpty(pod.Status?.Reason) ? phase : pod.Status.Reason;
        var initializing = InitContainerStatus(pod);
        var initialized = pod.Status?.Conditions?.Any(c => c.Type == "Initialized" && c.Status == "True") == true;
        status = initializing is null || initialized ? ContainerStatus(pod) ?? initializing ?? status : initializing;

        return pod.Metadata?.DeletionTimestamp is null ? status
            : pod.Status?.Reason == NodeLost ? "Unknown"
            : phase is "Succeeded" or "Failed" ? status
            : "Terminating";
    }

    private static string? InitContainerStatus(V1Pod pod)
    {
        var statuses = pod.Status?.InitContainerStatuses ?? [];
        for (var i = 0; i < statuses.Count; i++)
        {
            var state = statuses[i].State;
            if (state?.Terminated is { ExitCode: 0 })
            {
                continue;
            }

            return state switch
            {
                { Terminated: { } terminated } => "Init:" + (string.IsNullOrEmpty(terminated.Reason) ? ExitCode(terminated) : terminated.Reason),
                { Waiting.Reason: { Length: > 0 } reason } when reason != "PodInitializing" => "Init:" + reason,
                _ => string.Create(CultureInfo.InvariantCulture, $"Init:{i}/{pod.Spec?.InitContainers?.Count ?? statuses.Count}"),
            };
        }

        return null;
    }

    private static string? ContainerStatus(V1Pod pod)
    {
        string? status = null;
        var running = false;
        foreach (var container in (pod.Status?.ContainerStatuses ?? []).Reverse())
        {
            var state = container.State;
            if (state?.Waiting is { Reason.Length: > 0 } waiting)
            {
                status = waiting.Reason;
            }
            else if (state?.Terminated is { } terminated)
            {
                status = string.IsNullOrEmpty(terminated.Reason) ? ExitCode(terminated) : terminated.Reason;
            }
            else if (container.Ready && state?.Running is not null)
            {
                running = true;
            }
        }

        // A finished sidecar beside a running container: the pod still runs.
        return status == "Completed" && running
            ? pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true ? "Running" : "NotReady"
            : status;
    }

    private static string ExitCode(V1ContainerStateTerminated terminated) => terminated.Signal is { } signal and not 0
        ? string.Create(CultureInfo.InvariantCulture, $"Signal:{signal}")
        : string.Create(CultureInfo.InvariantCulture, $"ExitCode:{terminated.ExitCode}");
}
