using k8s.Models;

namespace OpenFero.DaemonSet.Semantics.Tests;

/// <summary>Small builders for the Kubernetes objects the rules read.</summary>
internal static class Build
{
    public static V1DaemonSet DaemonSet(string name = "foo", string strategy = "RollingUpdate", string? maxUnavailable = "1",
        string? maxSurge = "0", long generation = 1, long observedGeneration = 1, int desired = 0, int updated = 0, int available = 0) => new()
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "kube-system", Generation = generation },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] } },
                UpdateStrategy = new V1DaemonSetUpdateStrategy
                {
                    Type = strategy,
                    RollingUpdate = strategy == "RollingUpdate"
                    ? new V1RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge }
                    : null,
                },
            },
            Status = new V1DaemonSetStatus
            {
                ObservedGeneration = observedGeneration,
                DesiredNumberScheduled = desired,
                UpdatedNumberScheduled = updated,
                NumberAvailable = available,
            },
        };

    public static V1Node Node(string name, Dictionary<string, string>? labels = null, params V1Taint[] taints) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? [] },
        Spec = new V1NodeSpec { Taints = taints },
    };

    public static V1Taint Taint(string key, string effect, string? value = null) => new() { Key = key, Effect = effect, Value = value };
}
