using System.Text.Json.Nodes;
using static OpenFero.DaemonSet.Simulation.Api.Tables.PrinterColumn;

namespace OpenFero.DaemonSet.Simulation.Api.Tables;

/// <summary>
/// The Event columns of the real API server's printer (<c>printEvent</c>): ages, not timestamps, for LAST SEEN
/// and FIRST SEEN; a series' last observation and count win over the event's own.
/// </summary>
public static class EventColumns
{
    public static IReadOnlyList<PrinterColumn> All { get; } =
    [
        new("Last Seen", "string", 0, LastSeen),
        Text("Type", o => Str(o["type"])),
        Text("Reason", o => Str(o["reason"])),
        Text("Object", Target),
        Text("Subobject", o => Str(o["involvedObject"]?["fieldPath"]), priority: 1),
        Text("Source", Source, priority: 1),
        Text("Message", o => Str(o["message"]).Trim()),
        new("First Seen", "string", 1, FirstSeen),
        new("Count", "string", 1, (o, _) => Count(o)),
        new("Name", "string", 1, (o, _) => Str(o["metadata"]?["name"]), "name"),
    ];

    private static JsonNode FirstSeen(JsonObject o, DateTimeOffset now) =>
        Set(o["firstTimestamp"]) ? AgeOf(o["firstTimestamp"], now) : AgeOf(o["eventTime"], now);

    private static JsonNode LastSeen(JsonObject o, DateTimeOffset now) =>
        o["series"]?["lastObservedTime"] is { } observed ? AgeOf(observed, now)
            : Set(o["lastTimestamp"]) ? AgeOf(o["lastTimestamp"], now)
            : FirstSeen(o, now);

    private static long Count(JsonObject o) =>
        o["series"] is { } series ? Int(series["count"]) : Int(o["count"]) is var count and not 0 ? count : 1;

    private static string Target(JsonObject o)
    {
        var kind = Str(o["involvedObject"]?["kind"]).ToLowerInvariant();
        var name = Str(o["involvedObject"]?["name"]);
        return name.Length > 0 ? $"{kind}/{name}" : kind;
    }

    /// <summary>kubectl's <c>formatEventSource</c>: component and host, else the reporting controller and instance.</summary>
    private static string Source(JsonObject o)
    {
        var component = Str(o["source"]?["component"]);
        var host = Str(o["source"]?["host"]);
        var (who, where) = component.Length > 0 ? (component, host) : (Str(o["reportingController"]), Str(o["reportingInstance"]));
        return where.Length > 0 ? $"{who}, {where}" : who;
    }

    private static bool Set(JsonNode? timestamp) => timestamp is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0;
}
