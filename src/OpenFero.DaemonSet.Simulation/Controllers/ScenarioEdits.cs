using k8s.Models;
using OpenFero.DaemonSet.Simulation.Scenarios;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>The scenario's after-start edits (relabel a node, taint it), each made once when its time comes.</summary>
public sealed class ScenarioEdits(ClusterStore store, TimeProvider time, Scenario scenario)
{
    private readonly DateTimeOffset started = time.GetUtcNow();
    private readonly HashSet<EditDefinition> applied = [];

    public void Apply()
    {
        var elapsed = time.GetUtcNow() - started;
        foreach (var edit in scenario.Definition.AfterStart.Where(e => !applied.Contains(e) && elapsed.TotalSeconds >= e.AfterSeconds))
        {
            applied.Add(edit);
            var node = store.GetRequired(ResourceTypes.Nodes, null, edit.Node).ToMutable<V1Node>();
            foreach (var (key, value) in edit.SetLabels ?? [])
            {
                node.Metadata.Labels[key] = value;
            }

            if (edit.AddTaint is { } taint)
            {
                node.Spec.Taints ??= [];
                node.Spec.Taints.Add(new V1Taint { Key = taint.Key, Value = taint.Value, Effect = taint.Effect, TimeAdded = time.GetUtcNow().UtcDateTime });
            }

            store.Update(ResourceTypes.Nodes, ClusterJson.From(node));
        }
    }
}
