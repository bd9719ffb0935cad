using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Quotas;

/// <summary>
/// What one pod charges against its namespace's ResourceQuotas, as Kubernetes' pod evaluator counts it
/// (<c>pkg/quota/v1/evaluator/core/pods.go</c>): <c>count/pods</c> always; <c>pods</c> and the compute resources
/// only while the pod is not terminal and not past its deletion grace period; cpu and memory from the pod's
/// requests (<c>cpu</c> = <c>requests.cpu</c>) and limits, each the larger of the containers' sum and any init container.
/// </summary>
public static class PodQuotaUsage
{
    /// <summary>The resources a quota may limit that the simulation counts.</summary>
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "count/pods", "pods", "cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory",
    };

    /// <summary>Resources for which, once a quota limits them, every container must declare a value (the evaluator's <c>validationSet</c>).</summary>
    private static readonly string[] MustBeDeclared = ["cpu", "limits.cpu", "limits.memory", "memory", "requests.cpu", "requests.memory"];

    public static IReadOnlyDictionary<string, ResourceQuantity> Of(V1Pod pod, DateTimeOffset now)
    {
        var usage = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["count/pods"] = new("1") };
        if (!IsCharged(pod, now))
        {
            return usage;
        }

        usage["pods"] = new ResourceQuantity("1");
        foreach (var (resource, quantity) in Compute(Sum(pod, c => c.Resources?.Requests), Sum(pod, c => c.Resources?.Limits)))
        {
            usage[resource] = quantity;
        }

        return usage;
    }

    /// <summary>The evaluator's <c>Constraints</c>: <c>must specify cpu for: agent; memory for: agent</c>, or null.</summary>
    public static string? MissingDeclarations(V1Pod pod, IEnumerable<string> limited)
    {
        var required = MustBeDeclared.Intersect(limited).ToList();
        var missing = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var container in (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []))
        {
            var declared = Compute(container.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>(), container.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>());
            foreach (var resource in required.Where(r => !declared.ContainsKey(r)))
            {
                (missing.TryGetValue(resource, out var names) ? names : missing[resource] = new SortedSet<string>(StringComparer.Ordinal)).Add(container.Name);
            }
        }

        return missing.Count == 0 ? null : "must specify " + string.Join("; ", missing.Select(m => $"{m.Key} for: {string.Join(",", m.Value)}"));
    }

    /// <summary>
    /// The sum in the first one's format (a zero takes the other's, as Go's <c>Quantity.Add</c> does), written
    /// canonically (<c>256Mi</c>, <c>1500m</c>) as the API server writes quantities.
    /// </summary>
    public static ResourceQuantity Add(ResourceQuantity? a, ResourceQuantity b) =>
        a is null ? b : Canonical(a.ToDecimal() + b.ToDecimal(), a.ToDecimal() == 0 ? b.Format : a.Format);

    public static ResourceQuantity Canonical(decimal value, ResourceQuantity.SuffixFormat format) =>
        new(new ResourceQuantity(value, 0, format).CanonicalizeString());

    private static bool IsCharged(V1Pod pod, DateTimeOffset now) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed")
        && !(pod.Metadata.DeletionTimestamp is { } deleting && pod.Metadata.DeletionGracePeriodSeconds is { } grace
             && now > new DateTimeOffset(DateTime.SpecifyKind(deleting, DateTimeKind.Utc)).AddSeconds(grace));

    private static Dictionary<string, ResourceQuantity> Compute(IDictionary<string, ResourceQuantity> requests, IDictionary<string, ResourceQuantity> limits)
    {
        var result = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        foreach (var resource in new[] { "cpu", "memory" })
        {
            if (requests.TryGetValue(resource, out var request))
            {
                result[resource] = request;
                result["requests." + resource] = request;
            }

            if (limits.TryGetValue(resource, out var limit))
            {
                result["limits." + resource] = limit;
            }
        }

        return result;
    }

    private static Dictionary<string, ResourceQuantity> Sum(V1Pod pod, Func<V1Container, IDictionary<string, ResourceQuantity>?> of)
    {
        var total = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        foreach (var (resource, quantity) in (pod.Spec?.Containers ?? []).SelectMany(c => of(c) ?? new Dictionary<string, ResourceQuantity>()))
        {
            total[resource] = Add(total.GetValueOrDefault(resource), quantity);
        }

        foreach (var (resource, quantity) in (pod.Spec?.InitContainers ?? []).SelectMany(c => of(c) ?? new Dictionary<string, ResourceQuantity>()))
        {
            if (!total.TryGetValue(resource, out var sum) || quantity.ToDecimal() > sum.ToDecimal())
            {
                total[resource] = quantity;
            }
        }

        return total;
    }
}
