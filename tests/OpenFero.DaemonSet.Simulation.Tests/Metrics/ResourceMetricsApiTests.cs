using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Metrics;

/// <summary>metrics.k8s.io/v1beta1 as metrics-server serves it: discovered, read-only, and absent when switched off.</summary>
public sealed class ResourceMetricsApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_lists_pods_and_nodes_of_metrics_k8s_io_with_get_and_list_only()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy", RunControllers = false }, Cancel);
        using var http = new HttpClient { BaseAddress = cluster.BaseAddress };

        var groups = JsonNode.Parse(await http.GetStringAsync(new Uri("/apis", UriKind.Relative), Cancel))!;
        var resources = JsonNode.Parse(await http.GetStringAsync(new Uri("/apis/metrics.k8s.io/v1beta1", UriKind.Relative), Cancel))!;

        Assert.Contains(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "metrics.k8s.io"
            && g["preferredVersion"]!["groupVersion"]!.GetValue<string>() == "metrics.k8s.io/v1beta1");
        Assert.Equal([("pods", "PodMetrics", true), ("nodes", "NodeMetrics", false)],
            resources["resources"]!.AsArray().Select(r => (r!["name"]!.GetValue<string>(), r["kind"]!.GetValue<string>(), r["namespaced"]!.GetValue<bool>())));
        Assert.All(resources["resources"]!.AsArray(), r => Assert.Equal(["get", "list"], r!["verbs"]!.AsArray().Select(v => v!.GetValue<string>())));
    }

    [Fact]
    public async Task A_running_pod_and_a_ready_node_are_read_by_name_and_an_unknown_one_is_404()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, Cancel);
        using var client = new Kubernetes(cluster.ClientConfiguration());
        var pod = await Eventually.ReachesAsync(
            async () => (await client.CoreV1.ListNamespacedPodAsync("monitoring", cancellationToken: Cancel)).Items.FirstOrDefault(p => p.Status?.ContainerStatuses?.Any(c => c.State?.Running is not null) == true),
            p => p is not null, "a node-exporter pod running");

        var metrics = await client.CustomObjects.GetNamespacedCustomObjectAsync<PodMetrics>("metrics.k8s.io", "v1beta1", "monitoring", "pods", pod!.Metadata.Name, Cancel);
        var node = JsonNode.Parse(KubernetesJson.Serialize(await client.CustomObjects.GetClusterCustomObjectAsync("metrics.k8s.io", "v1beta1", "nodes", "node-1", Cancel)))!;
        var missing = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            client.CustomObjects.GetNamespacedCustomObjectAsync("metrics.k8s.io", "v1beta1", "monitoring", "pods", "nope", Cancel));

        var container = Assert.Single(metrics.Containers);
        Assert.Equal((0.04m, 48m * 1024 * 1024), (container.Usage["cpu"].ToDecimal(), container.Usage["memory"].ToDecimal()));
        Assert.Equal(pod.Metadata.Labels["app.kubernetes.io/name"], metrics.Metadata.Labels["app.kubernetes.io/name"]);
        Assert.Equal("NodeMetrics", node["kind"]!.GetValue<string>());
        Assert.EndsWith("n", node["usage"]!["cpu"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task Switched_off_the_metrics_api_is_404_and_not_discovered()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy", RunControllers = false, MetricsApi = false }, Cancel);
        using var http = new HttpClient { BaseAddress = cluster.BaseAddress };

        var groups = await http.GetStringAsync(new Uri("/apis", UriKind.Relative), Cancel);
        var list = await http.GetAsync(new Uri("/apis/metrics.k8s.io/v1beta1/namespaces/monitoring/pods", UriKind.Relative), Cancel);

        Assert.DoesNotContain("metrics.k8s.io", groups, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
    }

    [Fact]
    public async Task Faults_and_counts_name_the_metrics_pods_apart_from_the_core_pods()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy", RunControllers = false }, Cancel);
        using var client = new Kubernetes(cluster.ClientConfiguration());
        cluster.Faults.InjectRate(1.0, new Fault.ServiceUnavailable(), new FaultMatch("list", "pods.metrics.k8s.io"));
        cluster.Requests.Reset();

        var failed = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            client.CustomObjects.ListNamespacedCustomObjectAsync("metrics.k8s.io", "v1beta1", "monitoring", "pods", cancellationToken: Cancel));
        var pods = await client.CoreV1.ListNamespacedPodAsync("monitoring", cancellationToken: Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Response.StatusCode);
        Assert.NotNull(pods);
        Assert.Equal((1, 1), (cluster.Requests.Count("list", "pods.metrics.k8s.io"), cluster.Requests.Count("list", "pods")));
    }
}
