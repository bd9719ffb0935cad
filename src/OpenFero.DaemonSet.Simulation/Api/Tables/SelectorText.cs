using System.Text.Json.Nodes;
using static OpenFero.DaemonSet.Simulation.Api.Tables.PrinterColumn;

namespace OpenFero.DaemonSet.Simulation.Api.Tables;

/// <summary>A label selector as <c>metav1.FormatLabelSelector</c> writes it: <c>a=b,c in (d,e),!f</c>; empty is <c>&lt;none&gt;</c>.</summary>
public static class SelectorText
{
    public static string Format(JsonNode? selector)
    {
        if (selector is null)
        {
            return "<none>";
        }

        // Requirements sorted by key, as the parsed selector's String() orders them.
        var terms = (selector["matchLabels"] as JsonObject ?? [])
            .Select(kv => (Key: kv.Key, Text: $"{kv.Key}={Str(kv.Value)}"))
            .Concat((selector["matchExpressions"] as JsonArray ?? []).Select(r => (Key: Str(r?["key"]), Text: Expression(r))))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => t.Text)
            .ToList();
        return terms.Count == 0 ? "<none>" : string.Join(",", terms);
    }

    private static string Expression(JsonNode? requirement)
    {
        var key = Str(requirement?["key"]);
        var values = string.Join(",", (requirement?["values"] as JsonArray ?? []).Select(Str).Order(StringComparer.Ordinal));
        return Str(requirement?["operator"]) switch
        {
            "In" => $"{key} in ({values})",
            "NotIn" => $"{key} notin ({values})",
            "Exists" => key,
            "DoesNotExist" => $"!{key}",
            var other => $"{key} {other} ({values})",
        };
    }
}
