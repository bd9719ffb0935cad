using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// The scheduler's fit checks the simulation applies when binding a pod to its node: allocatable cpu and
/// memory minus what the node's pods request, and host ports already taken. Null when the pod fits.
/// </summary>
public static class NodeFit
{
    public static string? WhyNot(V1Pod pod, V1Node node, IEnumerable<V1Pod> podsOnNode)
    {
        var others = podsOnNode.Where(p => p.Metadata.Uid != pod.Metadata.Uid && p.Status?.Phase is not ("Succeeded" or "Failed")).ToList();
        var allocatable = node.Status?.Allocatable ?? new Dictionary<string, ResourceQuantity>();
        var reasons = new List<string>();
        foreach (var resource in new[] { "cpu", "memory" })
        {
            if (!allocatable.TryGetValue(resource, out var capacity))
            {
                continue;
            }

            var used = others.Sum(p => Requested(p, resource));
            if (used + Requested(pod, resource) > capacity.ToDecimal())
            {
                reasons.Add($"Insufficient {resource}");
            }
        }

        var wantedPorts = HostPorts(pod).ToHashSet();
        if (wantedPorts.Count > 0 && others.SelectMany(HostPorts).Any(wantedPorts.Contains))
        {
            reasons.Add("node(s) didn't have free ports for the requested pod ports");
        }

        return reasons.Count == 0 ? null : $"0/1 nodes are available: {string.Join(", ", reasons.Select(r => "1 " + r))}.";
    }

    public static decimal Requested(V1Pod pod, string resource) =>
        pod.Spec?.Containers?.Sum(c => c.Resources?.Requests?.TryGetValue(resource, out var q) == true ? q.ToDecimal() : 0m) ?? 0m;

    private static IEnumerable<int> HostPorts(V1Pod pod) =>
        pod.Spec?.Containers?.SelectMany(c => c.Ports ?? []).Where(p => p.HostPort is > 0).Select(p => p.HostPort!.Value) ?? [];
}
