using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>
/// The health analysis' trends (<c>IncludeMetrics</c>, <c>Prometheus:Url</c>) through the server's analysis endpoint,
/// read from Debian's real Prometheus scraping the simulated cluster every second; a Prometheus that is not there or
/// answers an error leaves the rest of the report standing, and the switch off sends it nothing.
/// </summary>
public sealed class PrometheusTrendsTests
{
    private const string Analysis = "/api/daemonsets/kube-system/calico-node/analysis";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_crash_looping_pods_restarts_in_the_last_hour_every_pods_memory_against_its_limit_and_throttling_come_from_prometheus()
    {
        await using var host = await ServerHost.StartClusterAsync("broken-revision");
        await using var prometheus = await PrometheusProcess.StartScrapingAsync(host.Cluster.BaseAddress);
        var server = await host.StartServerAsync("--Prometheus:Url", prometheus.Address.ToString());

        var report = await Eventually.ReachesAsync(() => JsonAsync(server, Analysis),
            r => Crashing(r)?["restartsLastHour"]?.GetValue<int>() > 0 && Trends(r).Count(t => t["cpuThrottledPercent"] is not null) == 2,
            "Prometheus to have seen the crash-looping pod restart and two scrapes of the running pods' cpu counters", Bound, r => r.ToJsonString());
        var text = await server.GetStringAsync(new Uri(Analysis + "?format=text", UriKind.Relative), Cancel);

        var running = Trends(report).Where(t => t["memoryWorkingSet"] is not null).ToList();
        Assert.Equal(2, running.Count);
        Assert.All(running, t => Assert.Equal(("48Mi", "128Mi", 37), (t["memoryWorkingSet"]!.GetValue<string>(), t["memoryLimit"]!.GetValue<string>(), t["memoryPercentOfLimit"]!.GetValue<int>())));
        Assert.All(running, t => Assert.InRange(t["cpuThrottledPercent"]!.GetValue<int>(), 35, 45));
        Assert.Null(report["trendsUnavailable"]);
        Assert.Contains(report["health"]!.AsArray(), f => f!["code"]!.GetValue<string>() == "trend-cpu-throttled");
        Assert.Equal("newRevisionFailing", report["verdict"]!["cause"]!.GetValue<string>());
        Assert.Contains("CPU THROTTLED", text, StringComparison.Ordinal);
        Assert.Contains("Trends (Prometheus): most pods unavailable in the last 1h: 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_stopped_or_answering_an_error_makes_the_trends_unavailable_and_the_rest_of_the_report_stands()
    {
        await using var host = await ServerHost.StartClusterAsync("broken-revision");
        var stopped = await host.StartServerAsync("--Prometheus:Url", $"http://127.0.0.1:{PeerBinary.FreePort()}");
        var notPrometheus = await host.StartServerAsync("--Prometheus:Url", host.Cluster.BaseAddress.ToString());

        var down = await Eventually.ReachesAsync(() => JsonAsync(stopped, Analysis), r => r["verdict"]!["cause"]!.GetValue<string>() == "newRevisionFailing",
            "the updated calico pod to crash-loop", Bound, r => r.ToJsonString());
        var wrong = await JsonAsync(notPrometheus, Analysis);
        var text = await stopped.GetStringAsync(new Uri(Analysis + "?format=text", UriKind.Relative), Cancel);

        Assert.Contains("could not be reached", down["trendsUnavailable"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith($"Prometheus at {host.Cluster.BaseAddress} answered 404 NotFound", wrong["trendsUnavailable"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All([down, wrong], r => Assert.Null(r["trends"]));
        Assert.All([down, wrong], r => Assert.Equal("newRevisionFailing", r["verdict"]!["cause"]!.GetValue<string>()));
        Assert.All([down, wrong], r => Assert.Equal(3, r["pods"]!.AsArray().Count));
        Assert.Contains("\nTrends unavailable: Prometheus at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_IncludeMetrics_off_nothing_is_asked_of_prometheus_and_the_report_has_no_trends()
    {
        await using var host = await ServerHost.StartClusterAsync("broken-revision");
        using var listener = new RecordingListener();
        var off = await host.StartServerAsync("--Prometheus:Url", listener.Address, "--Analysis:DaemonsetHealthAnalysis:IncludeMetrics", "false");
        var on = await host.StartServerAsync("--Prometheus:Url", listener.Address);

        var report = await JsonAsync(off, Analysis);
        var text = await off.GetStringAsync(new Uri(Analysis + "?format=text", UriKind.Relative), Cancel);
        var asked = listener.Requests;
        var control = await JsonAsync(on, Analysis);

        Assert.Equal(0, asked);
        Assert.Equal((null, null), (report["trends"], report["trendsUnavailable"]));
        Assert.DoesNotContain("Trends", text, StringComparison.Ordinal);
        Assert.True(listener.Requests >= 1, "the switch on asks the same listener");
        Assert.StartsWith($"Prometheus at {listener.Address} answered 503 ServiceUnavailable: unavailable: TSDB not ready", control["trendsUnavailable"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> JsonAsync(HttpClient server, string path) => JsonNode.Parse(await server.GetStringAsync(new Uri(path, UriKind.Relative), Cancel))!;

    private static IEnumerable<JsonNode> Trends(JsonNode report) => report["trends"]?["pods"]?.AsArray().OfType<JsonNode>() ?? [];

    private static JsonNode? Crashing(JsonNode report)
    {
        var pod = report["pods"]!.AsArray().FirstOrDefault(p => p!["status"]!.GetValue<string>() == "CrashLoopBackOff")?["name"]?.GetValue<string>();
        return Trends(report).FirstOrDefault(t => t["pod"]!.GetValue<string>() == pod);
    }

    /// <summary>A stand-in at the Prometheus URL that counts what it is asked and answers as a Prometheus still starting.</summary>
    private sealed class RecordingListener : IDisposable
    {
        private readonly HttpListener listener = new();
        private int requests;

        public RecordingListener()
        {
            var port = PeerBinary.FreePort();
            Address = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(Address);
            listener.Start();
            _ = AnswerAsync();
        }

        public string Address { get; }
        public int Requests => Volatile.Read(ref requests);

        public void Dispose() => listener.Close();

        private async Task AnswerAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref requests);
                var body = Encoding.UTF8.GetBytes("""{"status":"error","errorType":"unavailable","error":"TSDB not ready"}""");
                context.Response.StatusCode = 503;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
