using System.Globalization;
using k8s.Models;

namespace OpenFero.DaemonSet.Tests.Rollouts;

/// <summary>DaemonSets and daemon pods as the API server delivers them, at chosen moments.</summary>
internal static class RolloutObjects
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-12-03T10:00:00Z", CultureInfo.InvariantCulture);

    public static V1DaemonSet Ds(long generation, int desired, int updated, int available, bool observed = true, int minReadySeconds = 0, string strategy = "RollingUpdate") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "calico-node",
            NamespaceProperty = "kube-system",
            Generation = generation,
            Annotations = new Dictionary<string, string> { ["deprecated.daemonset.template.generation"] = generation.ToString(CultureInfo.InvariantCulture) },
        },
        Spec = new V1DaemonSetSpec
        {
            MinReadySeconds = minReadySeconds,
            UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = strategy },
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "calico-node" } },
            Template = new V1PodTemplateSpec(),
        },
        Status = new V1DaemonSetStatus
        {
            ObservedGeneration = observed ? generation : generation - 1,
            DesiredNumberScheduled = desired,
            UpdatedNumberScheduled = updated,
            NumberAvailable = available,
        },
    };

    public static V1Pod Pod(string name, string node, long generation, DateTimeOffset created, DateTimeOffset? readySince = null, DateTimeOffset? deletionRequested = null, long grace = 30) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "kube-system",
            Uid = $"uid-{name}",
            CreationTimestamp = created.UtcDateTime,
            DeletionTimestamp = deletionRequested?.AddSeconds(grace).UtcDateTime,
            DeletionGracePeriodSeconds = deletionRequested is null ? null : grace,
            Labels = new Dictionary<string, string> { ["k8s-app"] = "calico-node", ["pod-template-generation"] = generation.ToString(CultureInfo.InvariantCulture) },
        },
        Spec = new V1PodSpec { NodeName = node, Containers = [] },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = readySince is { } since ? [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = since.UtcDateTime }] : [],
        },
    };
}
