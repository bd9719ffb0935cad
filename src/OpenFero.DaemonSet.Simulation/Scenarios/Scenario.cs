using k8s.Models;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Quotas;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Scenarios;

/// <summary>A loaded scenario: it writes its starting state into a store, and tells the kubelets what goes wrong.</summary>
public sealed class Scenario(ScenarioDefinition definition)
{
    public static Scenario Empty { get; } = new(new ScenarioDefinition { Name = "empty", Description = "No nodes, no workloads." });

    public static IReadOnlyList<string> BaseNamespaces { get; } = ["default", "kube-system", "openfero"];

    public ScenarioDefinition Definition { get; } = definition;

    public string Name => Definition.Name;

    /// <summary>How containers of this image fail, if they do (ImagePullBackOff, CrashLoopBackOff, OOMKilled).</summary>
    public string? ImageBehaviour(string? image) =>
        image is not null && Definition.Behaviours.Images.TryGetValue(image, out var behaviour) ? behaviour : null;

    public bool AdmissionRejectsOn(string? node) => node is not null && Definition.Behaviours.AdmissionRejectsOn.Contains(node);

    public bool TerminationHangsOn(string? node) => node is not null && Definition.Behaviours.TerminationHangsOn.Contains(node);

    public void ApplyTo(ClusterStore store)
    {
        var now = store.Time.GetUtcNow().UtcDateTime;
        var namespaces = BaseNamespaces.Concat(Definition.DaemonSets.Select(d => d.Namespace))
            .Concat(Definition.Nodes.SelectMany(n => n.Pods).Select(p => p.Namespace))
            .Concat(Definition.ResourceQuotas.Select(q => q.Namespace)).Distinct(StringComparer.Ordinal);
        foreach (var ns in namespaces)
        {
            store.Create(ResourceTypes.Namespaces, ClusterJson.From(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = ns } }));
        }

        // The quotas come first, their status as the quota controller would have it, so every pod below is admitted against them.
        foreach (var quota in Definition.ResourceQuotas)
        {
            ResourceQuotaController.Refresh(store, store.Create(ResourceTypes.ResourceQuotas, ClusterJson.From(ScenarioObjects.ResourceQuota(quota))), store.Time.GetUtcNow());
        }

        var nodes = new List<V1Node>();
        var addresses = new PodAddresses([]);
        var podsByNode = new Dictionary<string, List<V1Pod>>(StringComparer.Ordinal);
        foreach (var group in Definition.Nodes)
        {
            foreach (var node in ScenarioObjects.Nodes(group, nodes.Count))
            {
                nodes.Add(store.Create(ResourceTypes.Nodes, ClusterJson.From(node)).As<V1Node>());
                podsByNode[node.Metadata.Name] = [];
                foreach (var workload in group.Pods)
                {
                    var pod = ScenarioObjects.WorkloadPod(workload, node.Metadata.Name);
                    pod.Metadata.Name = group.Count == 1 ? workload.Name : $"{workload.Name}-{node.Metadata.Name}";
                    pod.Status = PodStatuses.Running(pod, now);
                    addresses.Stamp(pod.Status, pod, node);
                    podsByNode[node.Metadata.Name].Add(store.Create(ResourceTypes.Pods, ClusterJson.From(pod)).As<V1Pod>());
                }
            }
        }

        foreach (var definition in Definition.DaemonSets)
        {
            ApplyDaemonSet(store, definition, nodes, podsByNode, addresses, now);
        }
    }

    private void ApplyDaemonSet(ClusterStore store, DaemonSetDefinition definition, List<V1Node> nodes, Dictionary<string, List<V1Pod>> podsByNode,
        PodAddresses addresses, DateTime now)
    {
        var initial = ScenarioObjects.DaemonSet(definition, definition.PreviousImage ?? definition.Image);
        var created = store.Create(ResourceTypes.DaemonSets, ClusterJson.From(initial)).As<V1DaemonSet>();
        var hash = Revisions.Ensure(store, created);
        var generation = DaemonPods.TemplateGeneration(created);
        foreach (var node in nodes.Where(n => DaemonPodPlacement.Evaluate(n, created).ShouldRun))
        {
            var pod = DaemonPodFactory.Create(created, node.Metadata.Name, hash, generation);
            pod.Spec.NodeName = node.Metadata.Name;
            if (NodeFit.WhyNot(pod, node, podsByNode[node.Metadata.Name]) is not null)
            {
                continue;
            }

            var ready = node.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True");
            pod.Status = ready ? PodStatuses.Running(pod, now) : PodStatuses.Unknown(pod, now);
            addresses.Stamp(pod.Status, pod, node);
            StoredObject stored;
            try
            {
                stored = store.Create(ResourceTypes.Pods, ClusterJson.From(pod));
            }
            catch (ApiException refused) when (refused.Code == 403)
            {
                // Over a ResourceQuota: no pod for this node; the DaemonSet controller's own creates are refused the same way.
                continue;
            }

            podsByNode[node.Metadata.Name].Add(stored.As<V1Pod>());
            if (Definition.Behaviours.DeletingAtStart.Contains($"{definition.Namespace}/{definition.Name}@{node.Metadata.Name}"))
            {
                var requested = store.Time.GetUtcNow().AddMinutes(-Definition.Behaviours.DeletingSinceMinutes);
                store.MarkDeletionRequested(ResourceTypes.Pods, definition.Namespace, stored.Name, requested.AddSeconds(30), 30);
            }
        }

        if (definition.PreviousImage is not null)
        {
            var updated = store.GetRequired(ResourceTypes.DaemonSets, definition.Namespace, definition.Name).ToMutable<V1DaemonSet>();
            updated.Spec.Template.Spec.Containers[0].Image = definition.Image;
            store.Update(ResourceTypes.DaemonSets, ClusterJson.From(updated));
        }
    }
}
