using System.Globalization;
using System.Text;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>The health trends for a terminal: one line for the hour's unavailable pods, a table per pod's container, or why there are none.</summary>
internal static class TrendsText
{
    private const string None = "-";

    public static void Render(StringBuilder text, DaemonSetReport report)
    {
        if (report.TrendsUnavailable is { } why)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Trends unavailable: {why}");
            return;
        }

        if (report.Trends is not { } trends)
        {
            return;
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Trends (Prometheus): most pods unavailable in the last {TrendQueries.Window}: {trends.MaxUnavailableLastHour?.ToString(CultureInfo.InvariantCulture) ?? None}");
        ReportText.Table(text, $"Trends per container (restarts and unavailable over {TrendQueries.Window}, throttling over {TrendQueries.RateWindow})", trends.Pods,
        [
            new("NODE", t => t.Node ?? "(unscheduled)"),
            new("POD", t => t.Pod),
            new("CONTAINER", t => t.Container),
            new("RESTARTS 1H", t => Number(t.RestartsLastHour)),
            new("MEMORY", t => t.MemoryWorkingSet ?? None),
            new("LIMIT", t => t.MemoryLimit ?? None),
            new("OF LIMIT", t => Percent(t.MemoryPercentOfLimit)),
            new("CPU THROTTLED", t => Percent(t.CpuThrottledPercent)),
        ]);
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? None;

    private static string Percent(int? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v}%") : None;
}
