using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>A report as JSON (the typed report), as text for a terminal, and as its one-line verdict.</summary>
public static class ReportRendering
{
    /// <summary>Indented, with characters such as quotes, <c>&lt;&gt;</c>, <c>+</c> and non-ASCII letters written as they are, not as <c>\u0022</c>.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new HumanDurationJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(DaemonSetReport report) => JsonSerializer.Serialize(report, Json);

    public static string ToText(DaemonSetReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"DaemonSet {report.Namespace}/{report.Name}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Verdict: {report.Verdict.Summary} [{report.Verdict.Cause}]");
        Section(text, "Causes (most severe first)", report.Causes.Select(c => $"{c.Summary} [{c.Cause}]"));
        if (report.Status is { } s)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Status: desired {s.Desired}, current {s.Current}, ready {s.Ready}, updated {s.Updated}, available {s.Available}, unavailable {s.Unavailable}, misscheduled {s.Misscheduled}");
            text.AppendLine(CultureInfo.InvariantCulture, $"        generation {s.Generation} (observed {s.ObservedGeneration}), {s.Strategy} maxUnavailable {s.MaxUnavailable ?? "-"} (= {s.ResolvedMaxUnavailable}), maxSurge {s.MaxSurge ?? "-"} (= {s.ResolvedMaxSurge}), revision {s.Revision ?? "-"}");
        }

        if (report.Rollout is { } r)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Rollout: {r.Error ?? r.Message} [{r.State}]");
        }

        Section(text, "Pods", report.Pods.Select(p =>
            $"{p.Name,-32} {p.Node ?? "-",-14} {p.Status,-12} ready={(p.Ready ? "yes" : "no"),-3} restarts={p.Restarts,-3} {(p.Updated ? "updated" : "old"),-7} age={HumanDuration.Format(p.Age),-6} {p.Condition}{(p.Message is null ? "" : ": " + p.Message)}"));
        Section(text, "Misscheduled", report.Misscheduled.Select(m =>
            $"{m.Pod} on {m.Node}: {m.Detail}; {(m.WillBeDeleted ? "the controller deletes it" : "kept running")}{(m.AutoscalerScaleDown ? " (autoscaler scale-down: known false alarm)" : "")}"));
        Section(text, "Not scheduled", report.NotScheduled.Select(n => $"{n.Node}: {n.Reason}: {n.Detail}"));
        Section(text, "Waiting for the old pod to go", report.WaitingForOldPod.Select(w => $"{w.Node}: {w.Pod} {w.Condition}"));
        Section(text, "Excluded nodes", report.ExcludedNodes.Select(e => $"{e.Node}: {e.Detail}"));
        Section(text, "Health", report.Health.Select(h => $"[{h.Severity}] {h.Message} -> {h.Recommendation}"));
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            return;
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        foreach (var line in list)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
        }
    }
}
