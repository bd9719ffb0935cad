using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// Addresses as a cluster hands them out: the node of a given index gets an InternalIP and a /24 pod CIDR; each
/// pod gets the lowest free address of its node's CIDR, kept for its life; a hostNetwork pod takes its node's IP.
/// </summary>
public sealed class PodAddresses
{
    private readonly Dictionary<string, HashSet<string>> used = new(StringComparer.Ordinal);

    /// <summary>Starts from the addresses the given pods already hold.</summary>
    public PodAddresses(IEnumerable<V1Pod> pods)
    {
        foreach (var pod in pods.Where(p => p.Status?.PodIP is not null && p.Spec?.NodeName is not null && p.Spec.HostNetwork != true))
        {
            Used(pod.Spec.NodeName).Add(pod.Status.PodIP);
        }
    }

    public static string NodeInternalIP(int index) => $"172.18.{index / 250}.{(index % 250) + 2}";

    public static string NodePodCidr(int index) => $"10.{(244 + (index / 256)) % 256}.{index % 256}.0/24";

    public static string? InternalIP(V1Node? node) => node?.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;

    /// <summary>Puts the node's IP and the pod's own IP on a status the kubelet reports (none yet while the sandbox is created).</summary>
    public void Stamp(V1PodStatus status, V1Pod pod, V1Node? node)
    {
        if (InternalIP(node) is not { } hostIP)
        {
            return;
        }

        status.HostIP = hostIP;
        status.HostIPs = [new V1HostIP { Ip = hostIP }];
        if (pod.Spec.HostNetwork != true && status.ContainerStatuses?.Any(c => c.State?.Waiting?.Reason == "ContainerCreating") == true)
        {
            return;
        }

        var podIP = pod.Spec.HostNetwork == true ? hostIP : pod.Status?.PodIP ?? Allocate(node!);
        if (podIP is not null)
        {
            status.PodIP = podIP;
            status.PodIPs = [new V1PodIP { Ip = podIP }];
        }
    }

    private string? Allocate(V1Node node)
    {
        if (node.Spec?.PodCIDR is not { } cidr)
        {
            return null;
        }

        var prefix = cidr[..(cidr.LastIndexOf('.') + 1)];
        var taken = Used(node.Metadata.Name);
        for (var host = 1; host < 255; host++)
        {
            if (taken.Add(prefix + host))
            {
                return prefix + host;
            }
        }

        return null;
    }

    private HashSet<string> Used(string node)
    {
        if (!used.TryGetValue(node, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            used[node] = set;
        }

        return set;
    }
}
