using System.Globalization;
using System.Text;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// The configuration details as <c>kubectl describe</c> shows fields: labels aligned in one column, a list's further
/// values under its first; then the containers and the revisions (newest first) as tables.
/// </summary>
public static class DetailsText
{
    private const string None = "<none>";

    public static void Render(StringBuilder text, DaemonSetDetails details)
    {
        var strategy = details.UpdateStrategy;
        List<(string Label, IReadOnlyList<string> Values)> fields =
        [
            ("Selector", [details.Selector]),
            ("Node selector", [details.NodeSelector ?? None]),
            ("Required node affinity", details.RequiredNodeAffinity),
            ("Tolerations", details.Tolerations),
            ("Priority class", [details.PriorityClassName ?? None]),
            ("Host network", [details.HostNetwork ? "true" : "false"]),
            ("Host ports", [.. details.HostPorts.Select(p => $"{p.HostPort}/{p.Protocol} ({p.Container})")]),
            ("Update strategy", [strategy.Type == "RollingUpdate"
                ? $"RollingUpdate (maxUnavailable {strategy.MaxUnavailable ?? "-"}, maxSurge {strategy.MaxSurge ?? "-"})"
                : strategy.Type]),
        ];
        var width = fields.Max(f => f.Label.Length) + 2;
        text.AppendLine().AppendLine("Details:");
        foreach (var (label, values) in fields)
        {
            var shown = values.Count == 0 ? [None] : values;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {(label + ":").PadRight(width)}{shown[0]}");
            foreach (var more in shown.Skip(1))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {new string(' ', width)}{more}");
            }
        }

        Table(text, "Containers", details.Containers,
        [
            new("NAME", c => c.Name),
            new("KIND", c => c.Init ? "init" : "container"),
            new("IMAGE", c => c.Image),
        ]);
        Table(text, "Revisions (newest first)", details.Revisions,
        [
            new("REVISION", r => r.Revision.ToString(CultureInfo.InvariantCulture) + (r.Current ? " (current)" : "")),
            new("NAME", r => r.Name),
            new("IMAGES", r => r.Images.Count == 0 ? "-" : string.Join(",", r.Images)),
            new("AGE", r => HumanDuration.Format(r.Age)),
        ]);
    }

    private static void Table<T>(StringBuilder text, string title, IReadOnlyList<T> rows, IReadOnlyList<TextColumn<T>> columns)
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
