using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Quotas;

/// <summary>
/// Whether a ResourceQuota applies to a pod (<c>generic.Matches</c> with the pod evaluator's scopes): it limits at least
/// one resource pods use, and the pod is in every scope it names — <c>spec.scopes</c> and <c>spec.scopeSelector</c>
/// (PriorityClass with In, NotIn, Exists, DoesNotExist; BestEffort, NotBestEffort, Terminating, NotTerminating).
/// </summary>
public static class QuotaScopes
{
    public static bool Applies(V1ResourceQuota quota, V1Pod pod, IEnumerable<string> hard) =>
        hard.Any(PodQuotaUsage.Supported.Contains) && Selectors(quota).All(s => Matches(s, pod));

    private static IEnumerable<V1ScopedResourceSelectorRequirement> Selectors(V1ResourceQuota quota) =>
        (quota.Spec?.Scopes ?? []).Select(scope => new V1ScopedResourceSelectorRequirement { ScopeName = scope, OperatorProperty = "Exists" })
            .Concat(quota.Spec?.ScopeSelector?.MatchExpressions ?? []);

    private static bool Matches(V1ScopedResourceSelectorRequirement selector, V1Pod pod) => selector.ScopeName switch
    {
        "Terminating" => pod.Spec?.ActiveDeadlineSeconds is >= 0,
        "NotTerminating" => pod.Spec?.ActiveDeadlineSeconds is not >= 0,
        "BestEffort" => IsBestEffort(pod),
        "NotBestEffort" => !IsBestEffort(pod),
        "PriorityClass" => PriorityClassMatches(selector, pod.Spec?.PriorityClassName),
        _ => false,
    };

    private static bool PriorityClassMatches(V1ScopedResourceSelectorRequirement selector, string? priorityClass) => selector.OperatorProperty switch
    {
        "Exists" => !string.IsNullOrEmpty(priorityClass),
        "DoesNotExist" => string.IsNullOrEmpty(priorityClass),
        "In" => !string.IsNullOrEmpty(priorityClass) && (selector.Values ?? []).Contains(priorityClass),
        "NotIn" => string.IsNullOrEmpty(priorityClass) || !(selector.Values ?? []).Contains(priorityClass),
        _ => false,
    };

    private static bool IsBestEffort(V1Pod pod) =>
        (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? [])
            .All(c => (c.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>()).Concat(c.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>())
                .All(kv => kv.Key is not ("cpu" or "memory")));
}
