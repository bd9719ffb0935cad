using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>The health trends, purely: Prometheus' answers read, turned into rows per pod's container, and the recommendations where they matter.</summary>
public sealed class HealthTrendsTests
{
    [Fact]
    public void A_vector_answer_is_read_with_its_labels_and_values_and_a_0_over_0_NaN_is_left_out()
    {
        const string Body = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"pod":"agent-a","container":"agent"},"value":[1764754800.5,"0.4"]},
              {"metric":{"pod":"agent-b","container":"agent"},"value":[1764754800.5,"NaN"]}]}}
            """;

        var sample = Assert.Single(PrometheusSample.ParseVector(Body));

        Assert.Equal(("agent-a", "agent", 0.4), (sample.Label("pod"), sample.Label("container"), sample.Value));
    }

    [Fact]
    public void An_error_answer_or_a_page_that_is_no_query_result_is_a_format_error_naming_what_prometheus_said()
    {
        var error = Assert.Throws<FormatException>(() => PrometheusSample.ParseVector("""{"status":"error","errorType":"bad_data","error":"parse error at char 3"}"""));
        var html = Assert.Throws<FormatException>(() => PrometheusSample.ParseVector("<html>404 page not found</html>"));

        Assert.Equal("bad_data: parse error at char 3", error.Message);
        Assert.Equal("not a query result", html.Message);
    }

    [Fact]
    public void The_queries_ask_only_for_the_daemonsets_pods_through_kube_pod_owner_over_the_windows_prometheus_accepts()
    {
        var queries = TrendQueries.For("kube-system", "calico-node");

        var owner = "kube_pod_owner{namespace=\"kube-system\",owner_kind=\"DaemonSet\",owner_name=\"calico-node\"}";
        Assert.All([queries.Restarts, queries.MemoryWorkingSet, queries.MemoryLimits, queries.CpuThrottling], q => Assert.Contains(owner, q, StringComparison.Ordinal));
        Assert.Contains("increase(kube_pod_container_status_restarts_total{namespace=\"kube-system\"}[1h])", queries.Restarts, StringComparison.Ordinal);
        Assert.Contains("container_memory_working_set_bytes{namespace=\"kube-system\",container!=\"\"}", queries.MemoryWorkingSet, StringComparison.Ordinal);
        Assert.Contains("resource=\"memory\"", queries.MemoryLimits, StringComparison.Ordinal);
        Assert.Contains("rate(container_cpu_cfs_throttled_periods_total{namespace=\"kube-system\",container!=\"\"}[5m]) / rate(container_cpu_cfs_periods_total", queries.CpuThrottling, StringComparison.Ordinal);
        Assert.Equal("max(max_over_time(kube_daemonset_status_number_unavailable{namespace=\"kube-system\",daemonset=\"calico-node\"}[1h]))", queries.Unavailable);
    }

    [Fact]
    public void Samples_become_one_row_per_pods_container_in_the_pods_order_and_pods_gone_are_left_out()
    {
        var samples = new TrendSamples(
            [Sample("agent-b", 4.2), Sample("agent-gone", 9)],
            [Sample("agent-a", 120 * Mi), Sample("agent-b", 40 * Mi)],
            [Sample("agent-a", 128 * Mi), Sample("agent-b", 128 * Mi)],
            [Sample("agent-a", 0.05)],
            [new PrometheusSample(new Dictionary<string, string>(), 1)]);

        var trends = HealthTrends.Of(samples, [Pod("agent-a", "node-1"), Pod("agent-b", "node-2")]);

        Assert.Equal(
            [
                new PodTrend("agent-a", "agent", "node-1", null, "120Mi", "128Mi", 93, 5),
                new PodTrend("agent-b", "agent", "node-2", 4, "40Mi", "128Mi", 31, null),
            ],
            trends.Pods);
        Assert.Equal(1, trends.MaxUnavailableLastHour);
    }

    [Fact]
    public void Throttled_over_25_percent_90_percent_of_the_memory_limit_and_more_than_3_restarts_an_hour_each_recommend_what_to_do()
    {
        var trends = new TrendsReport(
            [
                new PodTrend("agent-a", "agent", "node-1", 4, "116Mi", "128Mi", 90, 26),
                new PodTrend("agent-b", "agent", "node-2", 3, "40Mi", "128Mi", 31, 25),
            ],
            2);

        var findings = HealthTrends.Findings(trends);

        Assert.Equal(["trend-cpu-throttled", "trend-memory-oom-risk", "trend-restarts", "trend-unavailable"], findings.Select(f => f.Code));
        Assert.Contains("raise the cpu limit", findings[0].Recommendation, StringComparison.Ordinal);
        Assert.Equal("1 pod throttled in more than 25 % of cpu periods over 5m (most: agent-a at 26 %)", findings[0].Message);
        Assert.StartsWith("OOM risk", findings[1].Recommendation, StringComparison.Ordinal);
        Assert.Equal("1 pod restarted more than 3 times in the last hour (most: agent-a 4 times)", findings[2].Message);
        Assert.Equal("up to 2 pod(s) were unavailable in the last hour", findings[3].Message);
    }

    [Fact]
    public void Figures_below_the_thresholds_recommend_nothing()
    {
        var findings = HealthTrends.Findings(new TrendsReport([new PodTrend("agent-a", "agent", "node-1", 3, "115Mi", "128Mi", 89, 25)], 0));

        Assert.Empty(findings);
    }

    [Fact]
    public void The_report_carries_the_trends_in_json_and_text_with_their_findings_in_health()
    {
        var ds = Snapshots.DaemonSet();
        var samples = new TrendSamples([], [], [], [], [new PrometheusSample(new Dictionary<string, string>(), 3)]);
        var snapshot = Snapshots.Of(ds) with { Trends = new TrendsRead.Measured(samples) };

        var report = DaemonSetAnalyzer.Analyze(snapshot, new AnalysisOptions(), Snapshots.Now);
        var json = JsonNode.Parse(ReportRendering.ToJson(report))!;
        var text = ReportRendering.ToText(report);

        Assert.Equal(3, json["trends"]!["maxUnavailableLastHour"]!.GetValue<int>());
        Assert.Null(json["trendsUnavailable"]);
        Assert.Contains(report.Health, f => f.Code == "trend-unavailable");
        Assert.Contains("Trends (Prometheus): most pods unavailable in the last 1h: 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Trends_unavailable_say_why_and_leave_the_rest_of_the_report_as_it_was()
    {
        var ds = Snapshots.DaemonSet();
        var without = DaemonSetAnalyzer.Analyze(Snapshots.Of(ds), new AnalysisOptions(), Snapshots.Now);
        var snapshot = Snapshots.Of(ds) with { Trends = new TrendsRead.Unavailable("Prometheus at http://127.0.0.1:9/ could not be reached: Connection refused") };

        var report = DaemonSetAnalyzer.Analyze(snapshot, new AnalysisOptions(), Snapshots.Now);
        var json = JsonNode.Parse(ReportRendering.ToJson(report))!;

        Assert.Equal("Prometheus at http://127.0.0.1:9/ could not be reached: Connection refused", json["trendsUnavailable"]!.GetValue<string>());
        Assert.Null(json["trends"]);
        Assert.Contains("\nTrends unavailable: Prometheus at http://127.0.0.1:9/ could not be reached", ReportRendering.ToText(report), StringComparison.Ordinal);
        Assert.Equal(without.Health, report.Health);
        Assert.Equal(without.Verdict, report.Verdict);
    }

    [Fact]
    public void With_IncludeMetrics_off_trends_read_are_not_reported_in_json_or_text()
    {
        var ds = Snapshots.DaemonSet();
        var off = new AnalysisOptions();
        off.DaemonsetHealthAnalysis.IncludeMetrics = false;
        var snapshot = Snapshots.Of(ds) with { Trends = new TrendsRead.Measured(new TrendSamples([], [], [], [], [new PrometheusSample(new Dictionary<string, string>(), 3)])) };

        var report = DaemonSetAnalyzer.Analyze(snapshot, off, Snapshots.Now);
        var json = JsonNode.Parse(ReportRendering.ToJson(report))!;

        Assert.Equal((null, null), (json["trends"], json["trendsUnavailable"]));
        Assert.DoesNotContain(report.Health, f => f.Code.StartsWith("trend-", StringComparison.Ordinal));
        Assert.DoesNotContain("Trends", ReportRendering.ToText(report), StringComparison.Ordinal);
    }

    private const double Mi = 1024 * 1024;

    private static PrometheusSample Sample(string pod, double value) =>
        new(new Dictionary<string, string> { ["pod"] = pod, ["container"] = "agent" }, value);

    private static PodReport Pod(string name, string node) =>
        new(name, name + "-uid", node, "Running", true, 0, PodCondition.Healthy, null, true, TimeSpan.FromMinutes(5), null, null);
}
