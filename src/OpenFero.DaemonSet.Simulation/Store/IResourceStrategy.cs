using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>
/// What the real API server does to an object of one kind before storing it: defaults, validation,
/// generation bumps. Throw <see cref="ApiException"/> (422 Invalid) to refuse.
/// </summary>
public interface IResourceStrategy
{
    void PrepareForCreate(JsonObject created);

    void PrepareForUpdate(JsonObject updated, JsonObject current);

    /// <summary>True when a delete with this grace period only marks the object (deletionTimestamp) and someone else finishes it.</summary>
    bool DeletesGracefully(JsonObject current, long? gracePeriodSeconds) => false;
}
