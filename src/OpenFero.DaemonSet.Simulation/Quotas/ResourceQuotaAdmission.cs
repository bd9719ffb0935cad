using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Quotas;

/// <summary>
/// The ResourceQuota admission plugin for pod creates (<c>plugin/resourcequota/controller.go</c> <c>checkQuotas</c>):
/// every quota of the namespace that applies to the pod must know its usage and see the pod declare what it limits;
/// then a pod that would take a quota past its hard limit is refused, 403 Forbidden with Kubernetes' message —
/// <c>pods "NAME" is forbidden: exceeded quota: QUOTA, requested: pods=1, used: pods=3, limited: pods=3</c> — naming
/// only the exceeded resources, sorted. An admitted pod is charged at once to every quota it counts against.
/// </summary>
public sealed class ResourceQuotaAdmission : IAdmission
{
    public void AdmitCreate(ClusterStore store, JsonObject created, string requestedName)
    {
        var pod = KubernetesJson.Deserialize<V1Pod>(created.ToJsonString());
        var quotas = store.List(ResourceTypes.ResourceQuotas, pod.Metadata.NamespaceProperty).Select(q => q.ToMutable<V1ResourceQuota>()).ToList();
        var applying = new List<(V1ResourceQuota Quota, List<string> Limited)>();
        foreach (var quota in quotas)
        {
            var hard = quota.Status?.Hard ?? new Dictionary<string, ResourceQuantity>();
            if (!QuotaScopes.Applies(quota, pod, hard.Keys))
            {
                continue;
            }

            var limited = hard.Keys.Where(PodQuotaUsage.Supported.Contains).Order(StringComparer.Ordinal).ToList();
            if (PodQuotaUsage.MissingDeclarations(pod, limited) is { } missing)
            {
                throw Refused(requestedName, $"failed quota: {quota.Metadata.Name}: {missing}");
            }

            var unknown = limited.Where(r => quota.Status?.Used?.ContainsKey(r) != true).ToList();
            if (unknown.Count > 0)
            {
                throw Refused(requestedName, $"status unknown for quota: {quota.Metadata.Name}, resources: {string.Join(",", unknown)}");
            }

            applying.Add((quota, limited));
        }

        var usage = PodQuotaUsage.Of(pod, store.Time.GetUtcNow());
        foreach (var (quota, limited) in applying)
        {
            var requested = limited.Where(r => usage.TryGetValue(r, out var q) && q.ToDecimal() != 0).ToDictionary(r => r, r => usage[r], StringComparer.Ordinal);
            var used = quota.Status.Used;
            var exceeded = requested.Keys.Where(r => used[r].ToDecimal() + requested[r].ToDecimal() > quota.Status.Hard[r].ToDecimal()).ToList();
            if (exceeded.Count > 0)
            {
                throw Refused(requestedName,
                    $"exceeded quota: {quota.Metadata.Name}, requested: {Pretty(requested, exceeded)}, used: {Pretty(used, exceeded)}, limited: {Pretty(quota.Status.Hard, exceeded)}");
            }

            foreach (var (resource, quantity) in requested)
            {
                used[resource] = PodQuotaUsage.Add(used[resource], quantity);
            }
        }

        foreach (var (quota, _) in applying)
        {
            store.Update(ResourceTypes.ResourceQuotas, ClusterJson.From(quota), statusOnly: true);
        }
    }

    /// <summary><c>prettyPrint</c>: <c>name=quantity</c> pairs sorted by name, joined by commas.</summary>
    private static string Pretty(IDictionary<string, ResourceQuantity> list, IEnumerable<string> names) =>
        string.Join(",", names.Order(StringComparer.Ordinal).Select(n => $"{n}={list[n].CanonicalizeString()}"));

    private static ApiException Refused(string name, string detail) => ApiException.Forbidden(ResourceTypes.Pods, name, detail);
}
