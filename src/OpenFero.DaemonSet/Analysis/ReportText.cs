using System.Globalization;
using System.Text;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// The report for a person at a terminal: the verdict and counters first, then one aligned table per list, each with
/// a header row, ages as kubectl prints them, and empty lists left out.
/// </summary>
public static class ReportText
{
    private const string None = "-";

    public static string Render(DaemonSetReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"DaemonSet {report.Namespace}/{report.Name}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Verdict: {report.Verdict.Summary} [{report.Verdict.Cause}]");
        List(text, "Causes (most severe first)", report.Causes.Select(c => $"{c.Summary} [{c.Cause}]"));
        if (report.Status is { } s)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Status: desired {s.Desired}, current {s.Current}, ready {s.Ready}, updated {s.Updated}, available {s.Available}, unavailable {s.Unavailable}, misscheduled {s.Misscheduled}");
            text.AppendLine(CultureInfo.InvariantCulture, $"        generation {s.Generation} (observed {s.ObservedGeneration}), {s.Strategy} maxUnavailable {s.MaxUnavailable ?? None} (= {s.ResolvedMaxUnavailable}), maxSurge {s.MaxSurge ?? None} (= {s.ResolvedMaxSurge}), revision {s.Revision ?? None}");
        }

        if (report.Rollout is { } r)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Rollout: {r.Error ?? r.Message} [{r.State}]");
        }

        if (report.Details is { } details)
        {
            DetailsText.Render(text, details);
        }

        var showResources = report.Pods.Any(p => p.Requests is not null || p.Limits is not null);
        Table(text, report.UsageUnavailable is { } why ? $"Pods (usage unavailable: {why})" : "Pods", report.Pods, PodColumns(showResources));
        Table(text, $"Near their memory limit ({ResourceUsage.NearLimitPercent} % or more of it: a container that reaches its limit is OOM-killed and restarted)",
            [.. report.Pods.Where(p => p.NearMemoryLimit is not null)],
        [
            new("NODE", p => p.Node ?? "(unscheduled)"),
            new("POD", p => p.Name),
            new("CONTAINER", p => p.NearMemoryLimit!.Container),
            new("MEMORY", p => p.NearMemoryLimit!.Usage),
            new("LIMIT", p => p.NearMemoryLimit!.Limit),
            new("USE", p => string.Create(CultureInfo.InvariantCulture, $"{p.NearMemoryLimit!.Percent}%")),
        ]);
        Table(text, "Waiting for the old pod to go", report.WaitingForOldPod,
        [
            new("NODE", w => w.Node),
            new("OLD POD", w => w.Pod),
            new("WHY", w => Why(w.Condition, w.Message)),
        ]);
        Table(text, "Not scheduled", report.NotScheduled,
        [
            new("NODE", n => n.Node),
            new("REASON", n => n.Reason.ToString()),
            new("POD", n => n.Pod ?? None),
            new("DETAIL", n => n.Detail),
        ]);
        Table(text, "Misscheduled", report.Misscheduled,
        [
            new("NODE", m => m.Node),
            new("POD", m => m.Pod),
            new("RULE", m => m.Rule),
            new("CONTROLLER", m => m.WillBeDeleted ? "deletes it" : "keeps it running"),
            new("DETAIL", m => m.Detail + (m.AutoscalerScaleDown ? " (autoscaler scale-down: known false alarm)" : "")),
        ]);
        Table(text, "Excluded nodes", report.ExcludedNodes,
        [
            new("NODE", e => e.Node),
            new("RULE", e => e.Rule),
            new("DETAIL", e => e.Detail),
        ]);
        TrendsText.Render(text, report);
        Table(text, "Health", report.Health,
        [
            new("SEVERITY", h => h.Severity.ToString()),
            new("CODE", h => h.Code),
            new("FINDING", h => h.Message),
            new("RECOMMENDATION", h => h.Recommendation),
        ]);
        return text.ToString();
    }

    private static List<TextColumn<PodReport>> PodColumns(bool showResources)
    {
        List<TextColumn<PodReport>> columns =
        [
            new("NODE", p => p.Node ?? "(unscheduled)"),
            new("POD", p => p.Name),
            new("REVISION", p => p.Updated ? "updated" : "old"),
            new("PHASE", p => p.Phase),
            new("STATUS", p => p.Status),
            new("READY", p => p.Ready ? "yes" : "no"),
            new("RESTARTS", p => p.Restarts.ToString(CultureInfo.InvariantCulture)),
            new("AGE", p => HumanDuration.Format(p.Age)),
        ];
        if (showResources)
        {
            columns.Add(new("REQUESTS", p => Quantities(p.Requests)));
            columns.Add(new("LIMITS", p => Quantities(p.Limits)));
            columns.Add(new("USAGE", p => Quantities(p.Usage) + (p.NearMemoryLimit is null ? "" : " (near memory limit)")));
        }

        columns.Add(new("WHY", p => p.Condition == PodCondition.Healthy ? None : Why(p.Condition, p.Message)));
        return columns;
    }

    private static string Why(PodCondition condition, string? message) => message is null ? condition.ToString() : $"{condition}: {message}";

    private static string Quantities(IReadOnlyDictionary<string, string>? quantities) => quantities is { Count: > 0 }
        ? string.Join(",", quantities.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}"))
        : None;

    private static void List(StringBuilder text, string title, IEnumerable<string> lines)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        foreach (var line in lines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
        }
    }

    internal static void Table<T>(StringBuilder text, string title, IReadOnlyList<T> rows, IReadOnlyList<TextColumn<T>> columns)
    {
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        foreach (var line in TextTable.Lines(rows, columns))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
        }
    }
}
