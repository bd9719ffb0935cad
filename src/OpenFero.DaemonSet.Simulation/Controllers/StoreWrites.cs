using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>How the controllers write: typed objects in, and a lost race (409) is left for the next pass.</summary>
internal static class StoreWrites
{
    public static bool TryUpdateStatus<T>(this ClusterStore store, ResourceType type, T obj) where T : class
    {
        try
        {
            store.Update(type, ClusterJson.From(obj), statusOnly: true);
            return true;
        }
        catch (ApiException error) when (error.Code is 404 or 409)
        {
            return false;
        }
    }

    public static bool TryUpdate<T>(this ClusterStore store, ResourceType type, T obj) where T : class
    {
        try
        {
            store.Update(type, ClusterJson.From(obj));
            return true;
        }
        catch (ApiException error) when (error.Code is 404 or 409)
        {
            return false;
        }
    }

    public static bool TryDelete(this ClusterStore store, ResourceType type, V1ObjectMeta metadata, long? gracePeriodSeconds = null)
    {
        try
        {
            store.Delete(type, metadata.NamespaceProperty, metadata.Name, uidPrecondition: metadata.Uid, gracePeriodSeconds: gracePeriodSeconds);
            return true;
        }
        catch (ApiException error) when (error.Code is 404 or 409)
        {
            return false;
        }
    }

    public static bool IsOwnedBy(this V1ObjectMeta metadata, string? ownerUid) =>
        ownerUid is not null && metadata.OwnerReferences?.Any(o => o.Uid == ownerUid && o.Controller == true) == true;
}
