using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Simulation.Api.Tables;

/// <summary>One column of <c>kubectl get</c>'s table: how to compute its cell from an object at a given time.</summary>
public sealed record PrinterColumn(string Name, string Type, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell, string Format = "")
{
    public static PrinterColumn Text(string name, Func<JsonObject, string?> cell, int priority = 0) =>
        new(name, "string", priority, (o, _) => cell(o) ?? "<none>");

    public static PrinterColumn Number(string name, Func<JsonObject, long> cell) =>
        new(name, "integer", 0, (o, _) => cell(o));

    public static PrinterColumn NameColumn { get; } =
        new("Name", "string", 0, (o, _) => o["metadata"]?["name"]?.GetValue<string>() ?? "", "name");

    public static PrinterColumn Age { get; } = new("Age", "string", 0, (o, now) => AgeOf(o["metadata"]?["creationTimestamp"], now));

    public static string AgeOf(JsonNode? timestamp, DateTimeOffset now) =>
        timestamp is not null && DateTimeOffset.TryParse(timestamp.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? HumanDuration.Format(now - at)
            : "<unknown>";

    public static long Int(JsonNode? node) => node is null ? 0 : Store.JsonNodeNumbers.ToInt64(node);

    public static string Str(JsonNode? node) => node?.GetValue<string>() ?? "";

    public static string Pairs(JsonNode? map) =>
        map is JsonObject { Count: > 0 } labels ? string.Join(",", labels.Select(kv => $"{kv.Key}={kv.Value}")) : "<none>";
}
