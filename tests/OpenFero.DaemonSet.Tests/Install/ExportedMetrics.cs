using System.Text.RegularExpressions;
using OpenFero.DaemonSet.Metrics;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Install;

/// <summary>
/// The series names the server exports at /metrics, read from the instruments its source creates on its meter:
/// <c>openfero_</c> + instrument name, and a histogram's <c>_bucket</c>, <c>_sum</c> and <c>_count</c>.
/// </summary>
internal static partial class ExportedMetrics
{
    public static IReadOnlySet<string> Names { get; } = Read();

    /// <summary>The metric names a PromQL expression queries: every <c>openfero_…</c> word in it.</summary>
    public static IEnumerable<string> QueriedBy(string promQl) => MetricName().Matches(promQl).Select(m => m.Value);

    private static HashSet<string> Read()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", "OpenFero.DaemonSet"), "*.cs", SearchOption.AllDirectories);
        foreach (Match instrument in sources.SelectMany(file => Instrument().Matches(File.ReadAllText(file))))
        {
            var name = $"{ServerMetrics.MeterName}_{instrument.Groups["name"].Value}";
            string[] series = instrument.Groups["kind"].Value == "Histogram" ? [$"{name}_bucket", $"{name}_sum", $"{name}_count"] : [name];
            names.UnionWith(series);
        }

        Assert.NotEmpty(names);
        return names;
    }

    [GeneratedRegex("""Create(?<kind>Counter|UpDownCounter|Gauge|Histogram|ObservableCounter|ObservableUpDownCounter|ObservableGauge)(<[^>]+>)?\(\s*"(?<name>[a-z0-9_]+)"(?!\w)""")]
    private static partial Regex Instrument();

    [GeneratedRegex(@"\bopenfero_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
