using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Install;

/// <summary>The Grafana dashboard (deploy/dashboards/) and the ConfigMap that brings it to Grafana's sidecar.</summary>
public sealed class GrafanaDashboardTests
{
    private static readonly string DashboardFile = Path.Combine(RepositoryRoot.Path, "deploy", "dashboards", "openfero-daemonset.json");

    [Fact]
    public void The_dashboard_shows_alerts_jobs_kubernetes_latency_and_the_operarius_catalog_from_metrics_the_server_exports()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardFile))!;

        var queried = Queries(dashboard).SelectMany(ExportedMetrics.QueriedBy).ToHashSet(StringComparer.Ordinal);

        Assert.All(dashboard["panels"]!.AsArray(), panel => Assert.NotEmpty(panel!["targets"]!.AsArray()));
        Assert.All(queried, metric => Assert.True(ExportedMetrics.Names.Contains(metric), $"the dashboard queries {metric}, which the server does not export"));
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "openfero_alerts_received_total", "openfero_jobs_created_total", "openfero_jobs_succeeded_total", "openfero_jobs_failed_total",
                "openfero_kubernetes_failures_total", "openfero_kubernetes_retries_total", "openfero_webhook_duration_seconds_bucket",
                "openfero_operarius_items_loaded", "openfero_operarius_sync_errors_total",
            },
            queried);
    }

    [Fact]
    public async Task The_dashboard_is_a_configmap_the_grafana_sidecar_loads_under_a_stable_name()
    {
        var install = await RenderedInstall.RenderAsync(RepositoryRoot.Path);

        var configMap = install.Single("ConfigMap", "openfero-daemonset-dashboard");

        Assert.Equal("1", (string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]);
        Assert.Equal(File.ReadAllText(DashboardFile), (string?)configMap["data"]!["openfero-daemonset.json"]);
    }

    /// <summary>Every PromQL the dashboard runs: panel targets and template variable queries, wherever they nest.</summary>
    private static IEnumerable<string> Queries(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key is "expr" or "query" or "definition" && p.Value is JsonValue v && v.TryGetValue<string>(out var q)
            ? [q]
            : Queries(p.Value)),
        JsonArray a => a.SelectMany(Queries),
        _ => [],
    };
}
