using System.Collections.Concurrent;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Scenarios;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// Every node's kubelet at once: pods bound to Ready nodes start after the scenario's delay and become Ready,
/// or fail the way the scenario says; pods on NotReady nodes go Unknown; graceful deletions finish unless the
/// node's kubelet hangs; new pods on a node whose kubelet rejects them at admission fail there; Job pods run their in-process handler.
/// </summary>
public sealed class Kubelet(ClusterStore store, TimeProvider time, Scenario scenario, JobPodRunner jobPods)
{
    private static readonly TimeSpan TerminationDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CrashBackOff = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> firstSeen = new(StringComparer.Ordinal);
    private readonly TimeSpan startDelay = TimeSpan.FromSeconds(scenario.Definition.PodStartSeconds);

    public void Reconcile()
    {
        var now = time.GetUtcNow();
        var nodes = store.List(ResourceTypes.Nodes).Select(n => n.As<V1Node>()).ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        var readyNodes = nodes.Values
            .ToDictionary(n => n.Metadata.Name, n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, StringComparer.Ordinal);
        var pods = store.List(ResourceTypes.Pods);
        PodAddresses? addresses = null;
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in pods)
        {
            var pod = stored.As<V1Pod>();
            live.Add(pod.Metadata.Uid);
            var nodeName = pod.Spec?.NodeName;
            if (string.IsNullOrEmpty(nodeName))
            {
                continue;
            }

            var isJobPod = pod.Metadata.OwnerReferences?.Any(o => o.Kind == "Job") == true;
            var nodeReady = isJobPod || (readyNodes.TryGetValue(nodeName, out var ready) && ready);
            var seen = firstSeen.GetOrAdd(pod.Metadata.Uid + (pod.Metadata.DeletionTimestamp is null ? "" : "/deleting"), now);
            if (pod.Metadata.DeletionTimestamp is not null)
            {
                if (nodeReady && !scenario.TerminationHangsOn(nodeName) && now - seen >= TerminationDelay)
                {
                    jobPods.Stop(pod.Metadata.Uid);
                    store.FinishDeletion(ResourceTypes.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name);
                }

                continue;
            }

            if (pod.Status?.Phase is "Succeeded" or "Failed")
            {
                continue;
            }

            var next = nodeReady ? NextStatus(pod, isJobPod, now - seen, now) : NotReadyStatus(pod, now);
            if (next is not null)
            {
                addresses ??= new PodAddresses(pods.Select(p => p.As<V1Pod>()));
                addresses.Stamp(next, pod, nodes.GetValueOrDefault(nodeName));
                var changed = stored.ToMutable<V1Pod>();
                changed.Status = next;
                store.TryUpdateStatus(ResourceTypes.Pods, changed);
            }
        }

        jobPods.StopGone(live);
    }

    private static V1PodStatus? NotReadyStatus(V1Pod pod, DateTimeOffset now) =>
        pod.Status?.Phase == "Unknown" ? null : PodStatuses.Unknown(pod, now.UtcDateTime);

    private V1PodStatus? NextStatus(V1Pod pod, bool isJobPod, TimeSpan age, DateTimeOffset now)
    {
        var at = now.UtcDateTime;
        var waitingReason = pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason;
        if (!isJobPod && pod.Status?.Phase is "Pending" or null && scenario.AdmissionRejectsOn(pod.Spec.NodeName))
        {
            // Admission comes before any container: the pod fails at once.
            var memory = pod.Spec.Containers.FirstOrDefault()?.Resources?.Requests?.TryGetValue("memory", out var requested) == true ? requested.ToString() : "0";
            return PodStatuses.Rejected("OutOfmemory", $"Pod was rejected: Node didn't have enough resource: memory, requested: {memory}, used: 16Gi, capacity: 16Gi");
        }

        if (pod.Status?.Phase is "Pending" or null && age < startDelay)
        {
            return waitingReason == "ContainerCreating" ? null : PodStatuses.Waiting(pod, at, "ContainerCreating", "");
        }

        if (isJobPod)
        {
            return jobPods.Advance(pod, at);
        }


        var image = pod.Spec.Containers.FirstOrDefault()?.Image;
        var behaviour = scenario.ImageBehaviour(image);
        switch (behaviour)
        {
            case "ImagePullBackOff":
                return waitingReason == "ImagePullBackOff"
                    ? null
                    : PodStatuses.Waiting(pod, at, "ImagePullBackOff", $"Back-off pulling image \"{image}\"");
            case "CrashLoopBackOff" or "OOMKilled":
                var restarts = (int)((age - startDelay) / CrashBackOff) + 1;
                if (pod.Status?.ContainerStatuses?.FirstOrDefault()?.RestartCount == restarts)
                {
                    return null;
                }

                var reason = behaviour == "OOMKilled" ? "OOMKilled" : "Error";
                var last = new V1ContainerState
                {
                    Terminated = new V1ContainerStateTerminated { ExitCode = behaviour == "OOMKilled" ? 137 : 1, Reason = reason, FinishedAt = at },
                };
                var container = pod.Spec.Containers[0].Name;
                return PodStatuses.Waiting(pod, at, "CrashLoopBackOff",
                    $"back-off {CrashBackOff.TotalSeconds:0}s restarting failed container={container} pod={pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})",
                    restarts, last);
            default:
                return pod.Status?.Phase == "Running" && Controllers.PodReady(pod) ? null : PodStatuses.Running(pod, at);
        }
    }
}

internal static class Controllers
{
    public static bool PodReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
