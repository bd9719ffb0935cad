using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// POST /alerts with the real firing fixture on its deduplicated path (the Job exists), beside a bare Kestrel
/// endpoint answering 202 in the same run: throughput with wrk, latency at a fixed 500 requests/s, and what
/// 1,000 duplicate deliveries cost in Kubernetes requests.
/// </summary>
internal static partial class WebhookBenchmark
{
    public static async Task RunAsync(string repositoryRoot)
    {
        var fixture = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "test-alerts", "kube-daemonset-rollout-stuck.json"));
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "stuck-rollout" }, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("openfero-bench-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);
        await PlaygroundSystem.InstallOperariiAsync(cluster, CancellationToken.None);

        await using var serverApp = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", kubeconfig]);
        await serverApp.StartAsync();
        var serverUrl = new Uri(new Uri(serverApp.Urls.First()), "/alerts");
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 100 && !(await http.GetAsync(new Uri(serverUrl, "/readyz"))).IsSuccessStatusCode; attempt++)
        {
            await Task.Delay(50);
        }

        var first = await PostAsync(http, serverUrl, fixture);
        await using var bareApp = await BareEndpointAsync();
        var bareUrl = new Uri(new Uri(bareApp.Urls.First()), "/alerts");

        cluster.Requests.Reset();
        var duplicates = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            await PostAsync(http, serverUrl, fixture);
        }

        var duplicateRequests = cluster.Requests.Total;
        var duplicateTime = duplicates.Elapsed;

        var script = Path.Combine(folder, "post.lua");
        await File.WriteAllTextAsync(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[" + fixture + "]]\n");
        // Warm-up under the same load, so that both are measured on their optimised code (tiered JIT), not while it compiles.
        Wrk(bareUrl, script, "3s");
        Wrk(serverUrl, script, "3s");
        var bare = Wrk(bareUrl, script, "10s");
        var server = Wrk(serverUrl, script, "10s");
        var bareLatency = await PacedAsync(bareUrl, fixture, 500, TimeSpan.FromSeconds(10));
        var serverLatency = await PacedAsync(serverUrl, fixture, 500, TimeSpan.FromSeconds(10));

        Console.WriteLine("## Webhook, POST /alerts, firing fixture on the deduplicated path");
        Console.WriteLine($"first delivery: {first}");
        Console.WriteLine($"wrk -t2 -c32 -d10s (after 3 s of each): server {server.RequestsPerSecond:0} req/s, bare Kestrel 202 endpoint {bare.RequestsPerSecond:0} req/s, ratio {server.RequestsPerSecond / bare.RequestsPerSecond:0.00}");
        Console.WriteLine($"CPU per request (this process and wrk, user + system): server {server.CpuMicroseconds:0.0} µs, bare {bare.CpuMicroseconds:0.0} µs, ratio {bare.CpuMicroseconds / server.CpuMicroseconds:0.00}");
        Console.WriteLine($"paced 500 req/s for 10 s: server p50 {serverLatency.P50:0.00} ms p99 {serverLatency.P99:0.00} ms ({serverLatency.Errors} errors); bare p50 {bareLatency.P50:0.00} ms p99 {bareLatency.P99:0.00} ms");
        Console.WriteLine($"1,000 duplicate deliveries: {duplicateRequests} Kubernetes API requests, {duplicateTime.TotalMilliseconds:0} ms sequentially");
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<string> PostAsync(HttpClient http, Uri url, string body)
    {
        using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    /// <summary>
    /// Requests per second, and the CPU time per request that this process (the endpoint, whatever else runs in it)
    /// and wrk spent: on a machine shared with other work the throughput follows the load, the CPU per request much less.
    /// </summary>
    private static (double RequestsPerSecond, double CpuMicroseconds) Wrk(Uri url, string script, string duration)
    {
        var start = new ProcessStartInfo("wrk", $"-t2 -c32 -d{duration} -s {script} {url}") { RedirectStandardOutput = true, RedirectStandardError = true };
        var cpuBefore = CpuTime();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var cpu = CpuTime() - cpuBefore;
        var rate = RequestsPerSecond().Match(output);
        var count = RequestCount().Match(output);
        return rate.Success && count.Success
            ? (double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), cpu.TotalMicroseconds / long.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException("wrk said: " + output);
    }

    /// <summary>User and system time of this process and of its waited-for children (wrk), from /proc/self/stat.</summary>
    private static TimeSpan CpuTime()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command's closing parenthesis: utime, stime, cutime, cstime are the 14th to 17th of the line.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = 0L;
        for (var i = 11; i <= 14; i++)
        {
            ticks += long.Parse(fields[i], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>An open-loop load: requests start on schedule whatever the previous ones do, so queueing shows in the latency.</summary>
    private static async Task<(double P50, double P99, int Errors)> PacedAsync(Uri url, string body, int perSecond, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
        var latencies = new List<double>();
        var errors = 0;
        var tasks = new List<Task>();
        var clock = Stopwatch.StartNew();
        var total = (int)(perSecond * duration.TotalSeconds);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            tasks.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
                var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                    errors += response.StatusCode == HttpStatusCode.Accepted ? 0 : 1;
                }
            }));
        }

        await Task.WhenAll(tasks);
        latencies.Sort();
        return (latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], errors);
    }

    private static async Task<WebApplication> BareEndpointAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/alerts", () => Results.StatusCode(202));
        await app.StartAsync();
        return app;
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"([0-9]+) requests in")]
    private static partial Regex RequestCount();
}
