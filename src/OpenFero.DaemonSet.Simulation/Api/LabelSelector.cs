using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>
/// A parsed <c>labelSelector</c>: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>,
/// <c>k</c> (exists) and <c>!k</c> (does not exist), ANDed.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => this.requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var parsed = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var clause in SplitClauses(text))
        {
            parsed.Add(ParseClause(clause.Trim()));
        }

        return new LabelSelector(parsed);
    }

    public bool Matches(JsonObject obj)
    {
        if (requirements.Count == 0)
        {
            return true;
        }

        var labels = obj["metadata"]?["labels"] as JsonObject;
        var map = labels?.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "", StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        return requirements.All(requirement => requirement(map));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseClause(string clause)
    {
        if (clause.StartsWith('!'))
        {
            var key = clause[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }

        var setMatch = System.Text.RegularExpressions.Regex.Match(clause, @"^(\S+)\s+(in|notin)\s*\((.*)\)$");
        if (setMatch.Success)
        {
            var key = setMatch.Groups[1].Value;
            var values = setMatch.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            return setMatch.Groups[2].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = clause.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = clause[..at].Trim();
                var value = clause[(at + op.Length)..].Trim();
                return op == "!="
                    ? labels => !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels.TryGetValue(key, out var v) && v == value;
            }
        }

        if (clause.Length == 0 || clause.Any(char.IsWhiteSpace))
        {
            throw ApiException.BadRequest($"unable to parse requirement: invalid label selector \"{clause}\"");
        }

        return labels => labels.ContainsKey(clause);
    }

    /// <summary>Splits on commas that are not inside a set's parentheses.</summary>
    private static IEnumerable<string> SplitClauses(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
