using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// A daemon pod for one node, as the DaemonSet controller makes it (<c>CreatePodTemplate</c> and
/// <c>ReplaceDaemonSetPodNodeNameNodeAffinity</c>): the template, the default tolerations, the revision labels,
/// an owner reference and a required affinity pinning the node.
/// </summary>
public static class DaemonPodFactory
{
    public static V1Pod Create(V1DaemonSet daemonSet, string nodeName, string revisionHash, long? templateGeneration)
    {
        var template = daemonSet.Spec.Template;
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            [DaemonPods.RevisionHashLabel] = revisionHash,
        };
        if (templateGeneration is { } generation)
        {
            labels[DaemonPods.TemplateGenerationLabel] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var spec = k8s.KubernetesJson.Deserialize<V1PodSpec>(k8s.KubernetesJson.Serialize(template.Spec));
        spec.Tolerations = [.. DaemonPodTolerations.WithDefaults(spec)];
        spec.Affinity ??= new V1Affinity();
        spec.Affinity.NodeAffinity ??= new V1NodeAffinity();
        spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
        {
            NodeSelectorTerms =
            [
                new V1NodeSelectorTerm
                {
                    MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = [nodeName] }],
                },
            ],
        };

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = daemonSet.Metadata.Name + "-",
                NamespaceProperty = daemonSet.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = template.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = "apps/v1",
                        Kind = "DaemonSet",
                        Name = daemonSet.Metadata.Name,
                        Uid = daemonSet.Metadata.Uid,
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = spec,
        };
    }
}
