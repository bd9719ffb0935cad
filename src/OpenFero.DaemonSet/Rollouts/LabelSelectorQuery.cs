using k8s.Models;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>A DaemonSet's <c>spec.selector</c> as the <c>labelSelector</c> query of a list or watch.</summary>
public static class LabelSelectorQuery
{
    public static string Of(V1LabelSelector? selector)
    {
        var terms = (selector?.MatchLabels ?? new Dictionary<string, string>())
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => $"{l.Key}={l.Value}")
            .Concat((selector?.MatchExpressions ?? []).Select(Expression));
        return string.Join(',', terms);
    }

    private static string Expression(V1LabelSelectorRequirement requirement) => requirement.OperatorProperty switch
    {
        "In" => $"{requirement.Key} in ({string.Join(',', requirement.Values ?? [])})",
        "NotIn" => $"{requirement.Key} notin ({string.Join(',', requirement.Values ?? [])})",
        "Exists" => requirement.Key,
        "DoesNotExist" => $"!{requirement.Key}",
        var other => throw new ArgumentException($"label selector operator {other} is not one Kubernetes knows", nameof(requirement)),
    };
}
