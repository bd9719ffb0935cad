using k8s.Models;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Quotas;

/// <summary>
/// The resource quota controller: each ResourceQuota's <c>status.hard</c> follows its <c>spec.hard</c>, and its
/// <c>status.used</c> is what the namespace's pods charge (<see cref="PodQuotaUsage"/>) for the pod resources it
/// limits — so a pod that ends or is deleted gives its share back. Other resources a quota may limit are not counted
/// (their usage stays unknown). The status is written only when it changes.
/// </summary>
public sealed class ResourceQuotaController(ClusterStore store, TimeProvider time)
{
    public void Reconcile()
    {
        foreach (var stored in store.List(ResourceTypes.ResourceQuotas))
        {
            Refresh(store, stored, time.GetUtcNow());
        }
    }

    /// <summary>Recalculates one quota's status from the pods now in its namespace.</summary>
    public static void Refresh(ClusterStore store, StoredObject stored, DateTimeOffset now)
    {
        var quota = stored.ToMutable<V1ResourceQuota>();
        var hard = quota.Spec?.Hard ?? new Dictionary<string, ResourceQuantity>();
        var used = hard.Keys.Where(PodQuotaUsage.Supported.Contains).ToDictionary(r => r, r => PodQuotaUsage.Canonical(0, hard[r].Format), StringComparer.Ordinal);
        foreach (var pod in store.List(ResourceTypes.Pods, stored.Namespace).Select(p => p.As<V1Pod>()).Where(p => QuotaScopes.Applies(quota, p, hard.Keys)))
        {
            foreach (var (resource, quantity) in PodQuotaUsage.Of(pod, now).Where(u => used.ContainsKey(u.Key)))
            {
                used[resource] = PodQuotaUsage.Add(used[resource], quantity);
            }
        }

        var status = new V1ResourceQuotaStatus { Hard = hard.Count == 0 ? null : hard, Used = used.Count == 0 ? null : used };
        if (k8s.KubernetesJson.Serialize(status) != k8s.KubernetesJson.Serialize(quota.Status ?? new V1ResourceQuotaStatus()))
        {
            quota.Status = status;
            store.TryUpdateStatus(ResourceTypes.ResourceQuotas, quota);
        }
    }
}
