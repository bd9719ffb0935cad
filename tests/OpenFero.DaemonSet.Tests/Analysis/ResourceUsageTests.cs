using System.Text.Json.Nodes;
using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>
/// The pod analysis' <c>IncludeResourceInfo</c>: usage measured by metrics.k8s.io beside requests and limits, pods near
/// their memory limit flagged, and a report that stands without the metrics API.
/// </summary>
public sealed class ResourceUsageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Usage_stands_beside_requests_and_limits_and_the_pod_at_470Mi_of_512Mi_is_flagged_near_its_memory_limit()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "insufficient-resources" }, Cancel);

        var report = await ClusterAnalysis.AnalyzeUntilAsync(cluster, "monitoring", "datadog-agent", r => r.Pods.Count(p => p.Usage is not null) == 2,
            "the agents on node-1 and node-2 to be running and measured");
        var json = JsonNode.Parse(ReportRendering.ToJson(report))!;
        var text = ReportRendering.ToText(report);

        var byNode = report.Pods.ToDictionary(p => p.Node!);
        Assert.Equal(("80m", "192Mi"), (byNode["node-1"].Usage!["cpu"], byNode["node-1"].Usage!["memory"]));
        Assert.Equal("470Mi", byNode["node-2"].Usage!["memory"]);
        Assert.Null(byNode["node-1"].NearMemoryLimit);
        Assert.Equal(new MemoryNearLimit("datadog-agent", "470Mi", "512Mi", 91), byNode["node-2"].NearMemoryLimit);
        Assert.Null(byNode["node-3"].Usage);
        Assert.Null(report.UsageUnavailable);
        var node2 = json["pods"]!.AsArray().Single(p => p!["node"]!.GetValue<string>() == "node-2")!;
        Assert.Equal("470Mi", node2["usage"]!["memory"]!.GetValue<string>());
        Assert.Equal(91, node2["nearMemoryLimit"]!["percent"]!.GetValue<int>());
        Assert.Contains("USAGE", text, StringComparison.Ordinal);
        Assert.Contains("cpu=80m,memory=470Mi (near memory limit)", text, StringComparison.Ordinal);
        Assert.Contains("Near their memory limit (90 % or more of it: a container that reaches its limit is OOM-killed and restarted):", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  node-2 +datadog-agent-\w+ +datadog-agent +470Mi +512Mi +91%\n", text);
    }

    [Fact]
    public async Task Without_the_metrics_api_the_report_says_usage_unavailable_and_keeps_everything_else()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "insufficient-resources", MetricsApi = false }, Cancel);

        var report = await ClusterAnalysis.AnalyzeUntilAsync(cluster, "monitoring", "datadog-agent", r => r.NotScheduled.Count == 1, "node-3's agent to wait for room");
        var json = JsonNode.Parse(ReportRendering.ToJson(report))!;
        var text = ReportRendering.ToText(report);

        Assert.Equal("metrics.k8s.io answered 404 NotFound: the server could not find the requested resource", report.UsageUnavailable);
        Assert.Equal(report.UsageUnavailable, json["usageUnavailable"]!.GetValue<string>());
        Assert.Contains("Pods (usage unavailable: metrics.k8s.io answered 404 NotFound", text, StringComparison.Ordinal);
        Assert.All(report.Pods, p => Assert.Null(p.Usage));
        Assert.All(report.Pods, p => Assert.Equal("256Mi", p.Requests!["memory"]));
        Assert.Equal(VerdictCause.InsufficientResources, report.Verdict.Cause);
        Assert.NotNull(report.Details);
        Assert.NotNull(report.Status);
    }

    [Fact]
    public async Task A_failing_metrics_api_503_leaves_the_endpoint_answering_200_with_usage_unavailable()
    {
        await using var host = await ServerHost.StartClusterAsync("insufficient-resources");
        var server = await host.StartServerAsync("--Kubernetes:MaxRetryAttempts", "1", "--Kubernetes:RetryBaseDelay", "00:00:00.010");
        host.Cluster.Faults.InjectRate(1.0, new Fault.ServiceUnavailable(), new FaultMatch("list", "pods.metrics.k8s.io"));

        var response = await server.GetAsync(new Uri("/api/daemonsets/monitoring/datadog-agent/analysis", UriKind.Relative), Cancel);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("metrics.k8s.io answered 503 ServiceUnavailable", json["usageUnavailable"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, json["pods"]!.AsArray().Count);
    }

    [Fact]
    public async Task Resource_info_off_reads_no_usage_and_shows_no_requests_limits_or_usage()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "insufficient-resources" }, Cancel);
        var off = new AnalysisOptions();
        off.DaemonsetPodAnalysis.IncludeResourceInfo = false;
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        await ClusterAnalysis.AnalyzeUntilAsync(cluster, "monitoring", "datadog-agent", r => r.Pods.Count(p => p.Usage is not null) == 2, "the agents to be measured");
        cluster.Requests.Reset();

        var snapshot = await new DaemonSetSnapshotReader(client, Microsoft.Extensions.Options.Options.Create(off))
            .ReadAsync(new OpenFero.DaemonSet.Semantics.DaemonSetTarget("monitoring", "datadog-agent"), null, Cancel);
        var report = DaemonSetAnalyzer.Analyze(snapshot!, off, cluster.Time.GetUtcNow());
        var text = ReportRendering.ToText(report);

        Assert.Equal(0, cluster.Requests.Count("list", "pods.metrics.k8s.io"));
        Assert.All(report.Pods, p => Assert.Equal((null, null, null, null), (p.Requests, p.Limits, p.Usage, p.NearMemoryLimit)));
        Assert.DoesNotContain("USAGE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("memory limit", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_usage_is_one_list_by_the_daemonsets_selector_not_a_request_per_pod()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "insufficient-resources" }, Cancel);
        await ClusterAnalysis.AnalyzeUntilAsync(cluster, "monitoring", "datadog-agent", r => r.Pods.Count(p => p.Usage is not null) == 2, "the agents to be measured");
        cluster.Requests.Reset();

        await ClusterAnalysis.AnalyzeAsync(cluster, "monitoring", "datadog-agent");

        Assert.Equal(1, cluster.Requests.Count("list", "pods.metrics.k8s.io"));
        Assert.Equal(0, cluster.Requests.Count("get", "pods.metrics.k8s.io"));
    }

    [Fact]
    public void A_container_at_exactly_90_percent_of_its_memory_limit_is_flagged_one_without_a_limit_never_and_usage_sums_the_containers()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "agent-x" },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container { Name = "agent", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("100Mi") } } },
                    new V1Container { Name = "sidecar" },
                ],
            },
        };
        PodMetrics Measured(string agentMemory) => new()
        {
            Metadata = new V1ObjectMeta { Name = "agent-x" },
            Containers =
            [
                new ContainerMetrics { Name = "agent", Usage = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("30000000n"), ["memory"] = new(agentMemory) } },
                new ContainerMetrics { Name = "sidecar", Usage = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("900Mi") } },
            ],
        };

        Assert.Equal(new MemoryNearLimit("agent", "90Mi", "100Mi", 90), ResourceUsage.NearMemoryLimit(pod, Measured("90Mi")));
        Assert.Null(ResourceUsage.NearMemoryLimit(pod, Measured("89Mi")));
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "40m", ["memory"] = "989Mi" }, ResourceUsage.Of(Measured("89Mi")));
        Assert.Null(ResourceUsage.Of(null));
    }
}
