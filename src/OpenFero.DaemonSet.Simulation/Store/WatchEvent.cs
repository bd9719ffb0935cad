using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Simulation.Store;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>A change to one object, as a watch delivers it. <see cref="Object"/> is frozen.</summary>
public sealed record WatchEvent(WatchEventType Type, ResourceType Resource, JsonObject Object, long ResourceVersion)
{
    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();

    public string WireType => Type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
