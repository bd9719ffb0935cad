using System.Text.Json.Nodes;
using k8s;

namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>
/// One object as the store holds it. <see cref="Json"/> is frozen: never mutate it, work on
/// <see cref="CloneJson"/> or on the typed copy from <see cref="As{T}"/>.
/// </summary>
public sealed class StoredObject(ResourceType type, JsonObject json, long resourceVersion)
{
    private object? typed;

    public ResourceType Type { get; } = type;
    public JsonObject Json { get; } = json;
    public long ResourceVersion { get; } = resourceVersion;

    public string? Namespace => Json["metadata"]?["namespace"]?.GetValue<string>();
    public string Name => Json["metadata"]?["name"]?.GetValue<string>() ?? "";
    public string Uid => Json["metadata"]?["uid"]?.GetValue<string>() ?? "";

    public JsonObject CloneJson() => (JsonObject)Json.DeepClone();

    /// <summary>A typed copy (KubernetesClient model). Cached: callers must not mutate it; deserialize again to change.</summary>
    public T As<T>() where T : class
    {
        if (typed is T cached)
        {
            return cached;
        }

        var value = KubernetesJson.Deserialize<T>(Json.ToJsonString());
        typed = value;
        return value;
    }

    /// <summary>A fresh typed copy that the caller may change and write back.</summary>
    public T ToMutable<T>() where T : class => KubernetesJson.Deserialize<T>(Json.ToJsonString());
}
