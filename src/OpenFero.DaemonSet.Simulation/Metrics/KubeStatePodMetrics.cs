using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Metrics;

/// <summary>
/// kube-state-metrics' pod series with its labels: who owns each pod (<c>kube_pod_owner</c>), each container's
/// restarts as the kubelet counts them (a crash-looping container's grow), and its limits in cores and bytes.
/// </summary>
internal static class KubeStatePodMetrics
{
    private const string None = "<none>";

    public static void Render(ClusterStore store, PrometheusText text)
    {
        var pods = store.List(ResourceTypes.Pods).Select(p => p.As<V1Pod>()).ToList();

        text.Family("kube_pod_owner", "gauge", "Information about the Pod's owner.");
        foreach (var pod in pods)
        {
            var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? pod.Metadata.OwnerReferences?.FirstOrDefault();
            text.Sample("kube_pod_owner",
                [.. Pod(pod), ("owner_kind", owner?.Kind ?? None), ("owner_name", owner?.Name ?? None), ("owner_is_controller", owner is null ? None : owner.Controller == true ? "true" : "false")], 1);
        }

        text.Family("kube_pod_container_status_restarts_total", "counter", "The number of container restarts per container.");
        foreach (var pod in pods)
        {
            foreach (var status in pod.Status?.ContainerStatuses ?? [])
            {
                text.Sample("kube_pod_container_status_restarts_total", [.. Pod(pod), ("container", status.Name)], status.RestartCount);
            }
        }

        text.Family("kube_pod_container_resource_limits", "gauge", "The number of requested limit resource by a container. It is recommended to use the kube_pod_resource_limits metric exposed by kube-scheduler instead, as it is more precise.");
        foreach (var pod in pods)
        {
            foreach (var container in pod.Spec?.Containers ?? [])
            {
                foreach (var (resource, quantity) in (container.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>()).OrderBy(l => l.Key, StringComparer.Ordinal))
                {
                    var unit = resource switch { "cpu" => "core", "memory" or "ephemeral-storage" => "byte", _ => "integer" };
                    text.Sample("kube_pod_container_resource_limits",
                        [.. Pod(pod), ("container", container.Name), ("node", pod.Spec!.NodeName ?? ""), ("resource", resource), ("unit", unit)], quantity.ToDecimal());
                }
            }
        }
    }

    private static (string, string)[] Pod(V1Pod pod) =>
        [("namespace", pod.Metadata.NamespaceProperty), ("pod", pod.Metadata.Name), ("uid", pod.Metadata.Uid ?? "")];
}
