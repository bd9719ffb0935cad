using System.Text.Json.Nodes;
using k8s;

namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>KubernetesClient models to the store's JSON and back.</summary>
public static class ClusterJson
{
    public static JsonObject From(object model) => JsonNode.Parse(KubernetesJson.Serialize(model))!.AsObject();
}
