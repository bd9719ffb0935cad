using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api.Strategies;

/// <summary>
/// Pods start Pending, default to a 30 s termination grace period and their containers' probe and port defaults
/// (<see cref="PodSpecDefaults"/>, as the templates of DaemonSets and Jobs are), and a pod bound to a node is deleted
/// gracefully: marked, then removed by its kubelet once its containers have stopped.
/// </summary>
public sealed class PodStrategy : IResourceStrategy
{
    public void PrepareForCreate(JsonObject created)
    {
        var spec = created["spec"] as JsonObject ?? [];
        created["spec"] = spec;
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["restartPolicy"] ??= "Always";
        PodSpecDefaults.Apply(spec);
        created["status"] ??= new JsonObject { ["phase"] = "Pending" };
    }

    public void PrepareForUpdate(JsonObject updated, JsonObject current)
    {
    }

    public bool DeletesGracefully(JsonObject current, long? gracePeriodSeconds) =>
        gracePeriodSeconds != 0 && !string.IsNullOrEmpty(current["spec"]?["nodeName"]?.GetValue<string>());
}
