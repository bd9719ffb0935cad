using k8s.Models;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>
/// A pod's required node affinity (<c>nodeaffinity.GetRequiredNodeAffinity</c>): its nodeSelector, AND its
/// required terms ORed; within a term, expressions over labels AND <c>metadata.name</c> fields. Empty terms match nothing.
/// </summary>
public static class NodeAffinityMatcher
{
    /// <summary>The first nodeSelector key the node does not carry with the wanted value, or null when all match.</summary>
    public static string? FirstUnmatchedSelectorKey(IDictionary<string, string>? nodeSelector, V1Node node)
    {
        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        return nodeSelector?.FirstOrDefault(kv => !labels.TryGetValue(kv.Key, out var v) || v != kv.Value).Key;
    }

    public static bool MatchesRequiredTerms(V1Affinity? affinity, V1Node node)
    {
        var terms = affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;
        if (terms is null)
        {
            return true;
        }

        return terms.Any(term => MatchesTerm(term, node));
    }

    private static bool MatchesTerm(V1NodeSelectorTerm term, V1Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        var nameFields = new Dictionary<string, string> { ["metadata.name"] = node.Metadata?.Name ?? "" };
        return expressions.All(e => Matches(e, labels)) && fields.All(f => f.Key == "metadata.name" && f.Values?.Count == 1 && Matches(f, nameFields));
    }

    private static bool Matches(V1NodeSelectorRequirement requirement, IDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && values.Count == 1 && long.TryParse(value, out var a) && long.TryParse(values[0], out var b) && a > b,
            "Lt" => present && values.Count == 1 && long.TryParse(value, out var c) && long.TryParse(values[0], out var d) && c < d,
            _ => false,
        };
    }
}
