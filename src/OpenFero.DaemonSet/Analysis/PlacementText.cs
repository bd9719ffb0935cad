using System.Globalization;
using System.Text;
using k8s.Models;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>Selectors, node affinity and tolerations in the words kubectl prints them with. Pure.</summary>
public static class PlacementText
{
    /// <summary>As <c>metav1.FormatLabelSelector</c>: <c>a=b,c in (d,e),!f</c>, requirements sorted by key; empty is <c>&lt;none&gt;</c>.</summary>
    public static string Selector(V1LabelSelector? selector)
    {
        var terms = (selector?.MatchLabels ?? new Dictionary<string, string>()).Select(kv => (kv.Key, Text: $"{kv.Key}={kv.Value}"))
            .Concat((selector?.MatchExpressions ?? []).Select(e => (e.Key, Text: LabelRequirement(e.Key, e.OperatorProperty, e.Values))))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => t.Text)
            .ToList();
        return terms.Count == 0 ? "<none>" : string.Join(",", terms);
    }

    /// <summary>One line per node selector term (the terms are ORed; the requirements of one term are ANDed).</summary>
    public static IReadOnlyList<string> RequiredNodeAffinity(V1NodeSelector? required) =>
        [.. (required?.NodeSelectorTerms ?? []).Select(term => string.Join(" and ",
            (term.MatchExpressions ?? []).Select(e => NodeRequirement(e.Key, e.OperatorProperty, e.Values))
                .Concat((term.MatchFields ?? []).Select(f => NodeRequirement(f.Key, f.OperatorProperty, f.Values)))))
            .Where(line => line.Length > 0)];

    /// <summary>As <c>kubectl describe</c> lists a toleration: <c>key=value:Effect</c>, <c>op=Exists</c>, <c>for 300s</c>.</summary>
    public static string Toleration(V1Toleration toleration)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(toleration.Key))
        {
            text.Append(toleration.Key);
        }

        if (!string.IsNullOrEmpty(toleration.Value))
        {
            text.Append('=').Append(toleration.Value);
        }

        if (!string.IsNullOrEmpty(toleration.Effect))
        {
            text.Append(':').Append(toleration.Effect);
        }

        if (toleration.OperatorProperty == "Exists" && string.IsNullOrEmpty(toleration.Value))
        {
            text.Append(text.Length > 0 ? " op=Exists" : "op=Exists");
        }

        if (toleration.TolerationSeconds is { } seconds)
        {
            text.Append(CultureInfo.InvariantCulture, $" for {seconds}s");
        }

        return text.ToString();
    }

    private static string LabelRequirement(string key, string op, IList<string>? values) => op switch
    {
        "In" => $"{key} in ({string.Join(",", (values ?? []).Order(StringComparer.Ordinal))})",
        "NotIn" => $"{key} notin ({string.Join(",", (values ?? []).Order(StringComparer.Ordinal))})",
        "Exists" => key,
        "DoesNotExist" => $"!{key}",
        _ => $"{key} {op} ({string.Join(",", values ?? [])})",
    };

    private static string NodeRequirement(string key, string op, IList<string>? values) => op switch
    {
        "Exists" or "DoesNotExist" => $"{key} {op}",
        _ => $"{key} {op} ({string.Join(", ", values ?? [])})",
    };
}
