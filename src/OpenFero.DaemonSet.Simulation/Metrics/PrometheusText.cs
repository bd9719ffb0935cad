using System.Globalization;
using System.Text;

namespace OpenFero.DaemonSet.Simulation.Metrics;

/// <summary>Prometheus' text exposition format: a family's HELP and TYPE lines, then its samples with escaped label values.</summary>
internal sealed class PrometheusText
{
    private readonly StringBuilder text = new();

    public PrometheusText Family(string name, string type, string help)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, IEnumerable<(string Name, string Value)> labels, decimal value)
    {
        text.Append(name).Append('{')
            .AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\""))
            .Append("} ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return this;
    }

    public override string ToString() => text.ToString();

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
