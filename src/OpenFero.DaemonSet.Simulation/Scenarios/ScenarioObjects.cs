using k8s.Models;
using OpenFero.DaemonSet.Simulation.Controllers;

namespace OpenFero.DaemonSet.Simulation.Scenarios;

/// <summary>Kubernetes objects built from a scenario's definitions.</summary>
public static class ScenarioObjects
{
    /// <summary>A group's nodes; <paramref name="firstIndex"/> is the cluster-wide index of its first node (its addresses follow from it).</summary>
    public static IEnumerable<V1Node> Nodes(NodeGroupDefinition group, int firstIndex = 0)
    {
        for (var i = 1; i <= group.Count; i++)
        {
            var name = group.Name ?? $"{group.NamePrefix}{i}";
            var resources = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new(group.Cpu),
                ["memory"] = new(group.Memory),
                ["pods"] = new(group.MaxPods),
            };
            var taints = group.Taints.Select(t => new V1Taint { Key = t.Key, Value = t.Value, Effect = t.Effect }).ToList();
            if (!group.Ready)
            {
                taints.Add(new V1Taint { Key = "node.kubernetes.io/unreachable", Effect = "NoExecute" });
            }

            if (group.Unschedulable)
            {
                taints.Add(new V1Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" });
            }

            yield return new V1Node
            {
                ApiVersion = "v1",
                Kind = "Node",
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Labels = new Dictionary<string, string>(group.Labels) { ["kubernetes.io/hostname"] = name, ["kubernetes.io/os"] = "linux" },
                },
                Spec = new V1NodeSpec
                {
                    Taints = taints.Count == 0 ? null : taints,
                    Unschedulable = group.Unschedulable ? true : null,
                    PodCIDR = PodAddresses.NodePodCidr(firstIndex + i - 1),
                    PodCIDRs = [PodAddresses.NodePodCidr(firstIndex + i - 1)],
                },
                Status = new V1NodeStatus
                {
                    Addresses = [new V1NodeAddress { Address = PodAddresses.NodeInternalIP(firstIndex + i - 1), Type = "InternalIP" }, new V1NodeAddress { Address = name, Type = "Hostname" }],
                    Capacity = resources,
                    Allocatable = resources,
                    Conditions = [new V1NodeCondition { Type = "Ready", Status = group.Ready ? "True" : "Unknown", Reason = group.Ready ? "KubeletReady" : "NodeStatusUnknown" }],
                    NodeInfo = new V1NodeSystemInfo { KubeletVersion = "v1.32.0", OsImage = "Simulated Linux", ContainerRuntimeVersion = "containerd://1.7.0", Architecture = "amd64", OperatingSystem = "linux", BootID = "", KernelVersion = "6.1.0", KubeProxyVersion = "", MachineID = "", SystemUUID = "" },
                },
            };
        }
    }

    public static V1DaemonSet DaemonSet(DaemonSetDefinition definition, string image)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = definition.Name };
        var container = new V1Container
        {
            Name = definition.Name,
            Image = image,
            Resources = new V1ResourceRequirements
            {
                Requests = Quantities(definition.CpuRequest, definition.MemoryRequest),
                Limits = Quantities(definition.CpuLimit, definition.MemoryLimit),
            },
            Ports = definition.HostPort is { } port ? [new V1ContainerPort { Name = "metrics", ContainerPort = port, HostPort = port }] : null,
            ReadinessProbe = definition.ReadinessProbe
                ? new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = definition.HostPort ?? 8080 } }
                : null,
            SecurityContext = definition.Privileged ? new V1SecurityContext { Privileged = true } : null,
            VolumeMounts = definition.HostPath is null ? null : [new V1VolumeMount { Name = "host", MountPath = "/host", ReadOnlyProperty = definition.HostPathReadOnly }],
        };
        return new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = new V1ObjectMeta { Name = definition.Name, NamespaceProperty = definition.Namespace, Labels = labels },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = labels },
                MinReadySeconds = definition.MinReadySeconds == 0 ? null : definition.MinReadySeconds,
                UpdateStrategy = definition.UpdateStrategy == "OnDelete"
                    ? new V1DaemonSetUpdateStrategy { Type = "OnDelete" }
                    : new V1DaemonSetUpdateStrategy
                    {
                        Type = "RollingUpdate",
                        RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = definition.MaxUnavailable, MaxSurge = definition.MaxSurge },
                    },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers = [container],
                        HostNetwork = definition.HostNetwork ? true : null,
                        NodeSelector = definition.NodeSelector.Count == 0 ? null : definition.NodeSelector,
                        PriorityClassName = definition.PriorityClassName,
                        Tolerations = definition.Tolerations.Count == 0
                            ? null
                            : [.. definition.Tolerations.Select(t => new V1Toleration { Key = t.Key, OperatorProperty = t.Operator, Value = t.Value, Effect = t.Effect })],
                        Volumes = definition.HostPath is null ? null : [new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = definition.HostPath } }],
                    },
                },
            },
        };
    }

    public static V1ResourceQuota ResourceQuota(ResourceQuotaDefinition definition) => new()
    {
        ApiVersion = "v1",
        Kind = "ResourceQuota",
        Metadata = new V1ObjectMeta { Name = definition.Name, NamespaceProperty = definition.Namespace },
        Spec = new V1ResourceQuotaSpec { Hard = definition.Hard.ToDictionary(kv => kv.Key, kv => new ResourceQuantity(kv.Value)) },
    };

    public static V1Pod WorkloadPod(WorkloadPodDefinition definition, string nodeName) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = definition.Name, NamespaceProperty = definition.Namespace, Labels = new Dictionary<string, string> { ["app"] = definition.Name } },
        Spec = new V1PodSpec
        {
            NodeName = nodeName,
            Containers =
            [
                new V1Container
                {
                    Name = definition.Name,
                    Image = "registry.example.com/" + definition.Name + ":1.0",
                    Resources = new V1ResourceRequirements { Requests = Quantities(definition.Cpu, definition.Memory) },
                    Ports = definition.HostPort is { } port ? [new V1ContainerPort { ContainerPort = port, HostPort = port }] : null,
                },
            ],
        },
    };

    private static Dictionary<string, ResourceQuantity>? Quantities(string? cpu, string? memory)
    {
        var quantities = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            quantities["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            quantities["memory"] = new ResourceQuantity(memory);
        }

        return quantities.Count == 0 ? null : quantities;
    }
}
