using System.Globalization;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Semantics;
using static OpenFero.DaemonSet.Simulation.Api.Tables.PrinterColumn;

namespace OpenFero.DaemonSet.Simulation.Api.Tables;

/// <summary>The Job columns of the real API server's printer (<c>printJob</c>, Kubernetes 1.32), wide ones included.</summary>
public static class JobColumns
{
    public static IReadOnlyList<PrinterColumn> All { get; } =
    [
        NameColumn,
        Text("Status", Status),
        Text("Completions", Completions),
        new("Duration", "string", 0, Duration),
        Age,
        Text("Containers", o => BuiltInColumns.Containers(o["spec"]?["template"]?["spec"], "name"), priority: 1),
        Text("Images", o => BuiltInColumns.Containers(o["spec"]?["template"]?["spec"], "image"), priority: 1),
        Text("Selector", o => SelectorText.Format(o["spec"]?["selector"]), priority: 1),
    ];

    /// <summary>The first of Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet that holds; else Running.</summary>
    private static string Status(JsonObject job)
    {
        bool Has(string type) => (job["status"]?["conditions"] as JsonArray ?? []).Any(c => Str(c?["type"]) == type && Str(c?["status"]) == "True");
        return Has("Complete") ? "Complete"
            : Has("Failed") ? "Failed"
            : job["metadata"]?["deletionTimestamp"] is not null ? "Terminating"
            : Has("Suspended") ? "Suspended"
            : Has("FailureTarget") ? "FailureTarget"
            : Has("SuccessCriteriaMet") ? "SuccessCriteriaMet"
            : "Running";
    }

    private static string Completions(JsonObject job)
    {
        var succeeded = Int(job["status"]?["succeeded"]);
        return job["spec"]?["completions"] is { } completions
            ? $"{succeeded}/{Int(completions)}"
            : Int(job["spec"]?["parallelism"]) is var parallelism and > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    private static JsonNode Duration(JsonObject job, DateTimeOffset now)
    {
        if (job["status"]?["startTime"] is not { } start)
        {
            return "";
        }

        var end = job["status"]?["completionTime"] is { } done ? DateTimeOffset.Parse(done.GetValue<string>(), CultureInfo.InvariantCulture) : now;
        return HumanDuration.Format(end - DateTimeOffset.Parse(start.GetValue<string>(), CultureInfo.InvariantCulture));
    }
}
