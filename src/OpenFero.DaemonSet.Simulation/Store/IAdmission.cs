using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>
/// A validating admission plugin of the API server: it sees a create once the kind's strategy has prepared it, and
/// refuses it with an <see cref="ApiException"/> (403 Forbidden, as the real plugins do). It runs under the store's
/// lock, so what it reads and writes (a ResourceQuota's usage) is consistent with the create it admits.
/// </summary>
public interface IAdmission
{
    /// <param name="requestedName">The object's name, or its generateName: admission runs before a name is generated.</param>
    void AdmitCreate(ClusterStore store, JsonObject created, string requestedName);
}
