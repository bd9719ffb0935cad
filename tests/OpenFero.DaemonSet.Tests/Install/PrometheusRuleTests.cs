using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Infrastructure;
using OpenFero.DaemonSet.Tests.Peers;

namespace OpenFero.DaemonSet.Tests.Install;

/// <summary>The alerts on the server itself (deploy/prometheusrule.yaml), evaluated by promtool against its unit test.</summary>
public sealed class PrometheusRuleTests
{
    /// <summary>Metrics an alert may query before the server exports them, while they come with another change.</summary>
    private static readonly string[] Announced = [];

    private static readonly string Deploy = Path.Combine(RepositoryRoot.Path, "deploy");

    [Fact]
    public async Task The_server_alerts_fire_exactly_as_their_promtool_unit_test_expects()
    {
        var promtool = PeerBinary.Require("prometheus", "promtool");
        var folder = Directory.CreateTempSubdirectory("openfero-rules-").FullName;
        try
        {
            // promtool reads plain rule groups: the PrometheusRule's spec, beside the unit test that names it.
            File.WriteAllText(Path.Combine(folder, "prometheusrule.rules.yaml"), YamlDocuments.Write(RuleSpec()));
            File.Copy(Path.Combine(Deploy, "prometheusrule.test.yaml"), Path.Combine(folder, "prometheusrule.test.yaml"));

            (await ToolRun.RunAsync(promtool, "check", "rules", Path.Combine(folder, "prometheusrule.rules.yaml"))).SucceededOutput();
            (await ToolRun.RunAsync(promtool, "test", "rules", Path.Combine(folder, "prometheusrule.test.yaml"))).SucceededOutput();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_alert_has_a_unit_test()
    {
        var tested = YamlDocuments.ParseOne(File.ReadAllText(Path.Combine(Deploy, "prometheusrule.test.yaml")))["tests"]!.AsArray()
            .SelectMany(t => t!["alert_rule_test"]!.AsArray()).Select(t => (string)t!["alertname"]!);

        Assert.Equal(Alerts().Select(a => a.Name).Order(StringComparer.Ordinal), tested.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_metric_an_alert_queries_is_one_the_server_exports()
    {
        Assert.All(Alerts(), alert => Assert.All(ExportedMetrics.QueriedBy(alert.Expression), metric =>
            Assert.True(ExportedMetrics.Names.Contains(metric) || Announced.Contains(metric), $"{alert.Name} queries {metric}, which the server does not export")));
    }

    private static JsonObject RuleSpec() =>
        YamlDocuments.ParseOne(File.ReadAllText(Path.Combine(Deploy, "prometheusrule.yaml")))["spec"]!.AsObject();

    private static IEnumerable<(string Name, string Expression)> Alerts() =>
        from groups in RuleSpec()["groups"]!.AsArray()
        from rule in groups!["rules"]!.AsArray()
        select ((string)rule!["alert"]!, (string)rule["expr"]!);
}
