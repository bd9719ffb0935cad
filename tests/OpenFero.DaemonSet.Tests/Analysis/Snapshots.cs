using k8s.Models;
using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>Plain Kubernetes objects for the pure analysis tests.</summary>
internal static class Snapshots
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static V1DaemonSet DaemonSet(long generation = 1, long observedGeneration = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = "agent", NamespaceProperty = "default", Uid = "ds-uid", Generation = generation },
        Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
            UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = "1", MaxSurge = "0" } },
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    PriorityClassName = "system-node-critical",
                    Containers = [new V1Container { Name = "agent", Image = "agent:1", Ports = [new V1ContainerPort { ContainerPort = 9100, HostPort = 9100 }] }],
                },
            },
        },
        Status = new V1DaemonSetStatus { DesiredNumberScheduled = 1, CurrentNumberScheduled = 1, ObservedGeneration = observedGeneration },
    };

    public static V1Pod PendingDaemonPod(V1DaemonSet ds, string node, string message) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "agent-abcde",
            NamespaceProperty = "default",
            Uid = "pod-uid",
            CreationTimestamp = Now.UtcDateTime.AddMinutes(-10),
            OwnerReferences = [new V1OwnerReference { Uid = ds.Metadata.Uid, Controller = true, Kind = "DaemonSet", Name = "agent", ApiVersion = "apps/v1" }],
        },
        Spec = new V1PodSpec
        {
            Containers = ds.Spec.Template.Spec.Containers,
            Affinity = new V1Affinity
            {
                NodeAffinity = new V1NodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                    {
                        NodeSelectorTerms = [new V1NodeSelectorTerm { MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = [node] }] }],
                    },
                },
            },
        },
        Status = new V1PodStatus { Phase = "Pending", Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message }] },
    };

    public static V1Pod PodWithHostPort(string node, int port) => new()
    {
        Metadata = new V1ObjectMeta { Name = "squatter", NamespaceProperty = "default", Uid = "other" },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "s", Image = "s", Ports = [new V1ContainerPort { ContainerPort = port, HostPort = port }] }] },
        Status = new V1PodStatus { Phase = "Running" },
    };

    public static DaemonSetSnapshot Of(V1DaemonSet ds, IReadOnlyList<V1Pod>? pods = null, IReadOnlyList<V1Pod>? others = null) =>
        new(ds, pods ?? [], [Node("node-1")], others ?? [], null, null);

    private static V1Node Node(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string>() },
        Spec = new V1NodeSpec(),
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("16Gi") },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
        },
    };
}
