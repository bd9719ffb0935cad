using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api.Strategies;

/// <summary>Namespaces are Active from the start.</summary>
public sealed class NamespaceStrategy : IResourceStrategy
{
    public void PrepareForCreate(JsonObject created) => created["status"] = new JsonObject { ["phase"] = "Active" };

    public void PrepareForUpdate(JsonObject updated, JsonObject current)
    {
    }
}
