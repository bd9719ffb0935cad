using System.Net;
using k8s;
using k8s.Autorest;
using OpenFero.DaemonSet.Simulation.Faults;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

public sealed class FaultTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scripted_faults_hit_exactly_the_next_matching_requests_and_every_request_is_counted()
    {
        await using var fixture = await ClusterFixture.StartAsync("tainted-node", controllers: false);
        fixture.Cluster.Requests.Reset();
        fixture.Cluster.Faults.Script(new FaultMatch("patch", "daemonsets"), 3, new Fault.ServiceUnavailable());
        var patch = new k8s.Models.V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", k8s.Models.V1Patch.PatchType.MergePatch);

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            try
            {
                await fixture.Client.AppsV1.PatchNamespacedDaemonSetAsync(patch, "fluent-bit", "logging", cancellationToken: Cancel);
                codes.Add(HttpStatusCode.OK);
            }
            catch (HttpOperationException error)
            {
                codes.Add(error.Response.StatusCode);
            }
        }

        await fixture.Client.AppsV1.ReadNamespacedDaemonSetAsync("fluent-bit", "logging", cancellationToken: Cancel);
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], codes);
        Assert.Equal(4, fixture.Cluster.Requests.Count("patch", "daemonsets"));
        Assert.Equal(1, fixture.Cluster.Requests.Count("get", "daemonsets"));
    }

    [Fact]
    public async Task Too_many_requests_carries_retry_after_and_a_reset_drops_the_connection()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        fixture.Cluster.Faults.Script(new FaultMatch("list", "pods"), 1, new Fault.TooManyRequests(7));
        fixture.Cluster.Faults.Script(new FaultMatch("list", "pods"), 1, new Fault.ConnectionReset());

        var throttled = await http.GetAsync("/api/v1/pods", Cancel);
        var reset = await Record.ExceptionAsync(() => http.GetAsync("/api/v1/pods", Cancel));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter?.Delta);
        Assert.IsType<HttpRequestException>(reset);
    }

    [Fact]
    public async Task Rate_faults_fail_about_the_given_share_of_requests()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        fixture.Cluster.Faults.Seed(42);
        fixture.Cluster.Faults.InjectRate(0.2, new Fault.ServerError());

        var failures = 0;
        for (var i = 0; i < 200; i++)
        {
            failures += (await http.GetAsync("/api/v1/namespaces", Cancel)).StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        Assert.InRange(failures, 20, 60);
        Assert.Equal(failures, fixture.Cluster.Faults.Injected);
    }

    [Fact]
    public async Task Metrics_and_request_counts_are_served_over_http_beside_the_api()
    {
        await using var fixture = await ClusterFixture.StartAsync("stuck-rollout", controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        await fixture.Client.CoreV1.CreateNamespacedEventAsync(new k8s.Models.Corev1Event { Metadata = new k8s.Models.V1ObjectMeta { Name = "node-exporter.a1b2" }, InvolvedObject = new k8s.Models.V1ObjectReference() }, "monitoring", cancellationToken: Cancel);

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        var dotted = await fixture.Client.CoreV1.ReadNamespacedEventAsync("node-exporter.a1b2", "monitoring", cancellationToken: Cancel);
        var counts = await http.GetStringAsync(new Uri("/simulation/requests", UriKind.Relative), Cancel);

        Assert.Contains("kube_daemonset_status_desired_number_scheduled{namespace=\"monitoring\",daemonset=\"node-exporter\"}", metrics, StringComparison.Ordinal);
        Assert.Equal("node-exporter.a1b2", dotted.Metadata.Name);
        Assert.Contains("\"get events\":1", counts, StringComparison.Ordinal);
    }
}
