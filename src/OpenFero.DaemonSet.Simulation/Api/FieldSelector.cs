using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>
/// A parsed <c>fieldSelector</c> over the fields the project and kubectl use: <c>metadata.name</c>,
/// <c>metadata.namespace</c>, <c>spec.nodeName</c>, <c>status.phase</c>, and the Event fields the API server
/// indexes (<c>involvedObject.*</c>, <c>reason</c>, <c>reportingComponent</c>, <c>source</c>, <c>type</c>); operators <c>=</c>, <c>==</c>, <c>!=</c>.
/// </summary>
public sealed class FieldSelector
{
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        ["metadata.name"] = ["metadata", "name"],
        ["metadata.namespace"] = ["metadata", "namespace"],
        ["spec.nodeName"] = ["spec", "nodeName"],
        ["status.phase"] = ["status", "phase"],
        ["involvedObject.name"] = ["involvedObject", "name"],
        ["involvedObject.kind"] = ["involvedObject", "kind"],
        ["involvedObject.namespace"] = ["involvedObject", "namespace"],
        ["involvedObject.uid"] = ["involvedObject", "uid"],
        ["involvedObject.apiVersion"] = ["involvedObject", "apiVersion"],
        ["involvedObject.resourceVersion"] = ["involvedObject", "resourceVersion"],
        ["involvedObject.fieldPath"] = ["involvedObject", "fieldPath"],
        ["reason"] = ["reason"],
        ["reportingComponent"] = ["reportingComponent"],
        ["source"] = ["source", "component"],
        ["type"] = ["type"],
    };

    private readonly IReadOnlyList<(string[] Path, bool Equal, string Value)> requirements;

    private FieldSelector(IReadOnlyList<(string[] Path, bool Equal, string Value)> requirements) => this.requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The single <c>metadata.name=x</c> the selector pins, if it does (lets a list be a lookup).</summary>
    public string? PinnedName { get; private init; }

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var parsed = new List<(string[], bool, string)>();
        string? pinnedName = null;
        foreach (var clause in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var notEqual = clause.IndexOf("!=", StringComparison.Ordinal);
            var equal = clause.IndexOf('=');
            var (field, value, isEqual) = notEqual > 0
                ? (clause[..notEqual], clause[(notEqual + 2)..], false)
                : equal > 0
                    ? (clause[..equal], clause[(equal + 1)..].TrimStart('='), true)
                    : throw ApiException.BadRequest($"invalid field selector: '{clause}'");
            if (!Fields.TryGetValue(field.Trim(), out var path))
            {
                throw ApiException.BadRequest($"field label not supported: {field.Trim()}");
            }

            parsed.Add((path, isEqual, value.Trim()));
            if (isEqual && field.Trim() == "metadata.name")
            {
                pinnedName = value.Trim();
            }
        }

        return new FieldSelector(parsed) { PinnedName = pinnedName };
    }

    public bool Matches(JsonObject obj) => requirements.All(r =>
    {
        JsonNode? node = obj;
        foreach (var step in r.Path)
        {
            node = node?[step];
        }

        var actual = node?.GetValue<string>() ?? "";
        return r.Equal ? actual == r.Value : actual != r.Value;
    });
}
