using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api.Strategies;

/// <summary>A new ResourceQuota's status is the quota controller's to fill: whatever the client sent is dropped.</summary>
public sealed class ResourceQuotaStrategy : IResourceStrategy
{
    public void PrepareForCreate(JsonObject created) => created.Remove("status");

    public void PrepareForUpdate(JsonObject updated, JsonObject current)
    {
    }
}
