using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// The 5,000-node scenario: how long it takes to load, how long a full paged list of its pods takes
/// (limit 500) beside a bare Kestrel endpoint serving the same pages pre-rendered (the floor), and the
/// memory the loaded cluster holds.
/// </summary>
internal static class SimulatedClusterBenchmark
{
    public static async Task RunAsync()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var loadWatch = Stopwatch.StartNew();
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "large-5000", RunControllers = false }, CancellationToken.None);
        var loadTime = loadWatch.Elapsed;
        var atRest = GC.GetTotalMemory(forceFullCollection: true) - before;

        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var pages = new List<byte[]>();
        cluster.Requests.Reset();
        var simulated = await Measure.MedianAsync(5, async () =>
        {
            string? next = null;
            var count = 0;
            do
            {
                var page = await client.CoreV1.ListNamespacedPodAsync("monitoring", limit: 500, continueParameter: next);
                count += page.Items.Count;
                next = page.Metadata.ContinueProperty;
                if (pages.Count < 10)
                {
                    pages.Add(System.Text.Encoding.UTF8.GetBytes(KubernetesJson.Serialize(page)));
                }
            }
            while (!string.IsNullOrEmpty(next));
            if (count != 5000)
            {
                throw new InvalidOperationException($"listed {count} pods, expected 5000");
            }
        });
        var requestsPerList = cluster.Requests.Count("list", "pods") / 6;

        var floor = await BareEndpointAsync(pages);
        Console.WriteLine("## Simulated cluster, large-5000 (RunControllers=false)");
        Console.WriteLine($"load (5,000 nodes + 5,000 pods + DaemonSet): {Measure.Ms(loadTime)}");
        Console.WriteLine($"full paged list of 5,000 pods, limit 500: {Measure.Ms(simulated)} in {requestsPerList} requests");
        Console.WriteLine($"same 10 pages from a bare Kestrel endpoint (floor): {Measure.Ms(floor)}; ratio {simulated / floor:0.00}x");
        Console.WriteLine($"managed memory held by the loaded cluster: {Measure.MiB(atRest)}; process working set {Measure.MiB(Process.GetCurrentProcess().WorkingSet64)}");
    }

    private static async Task<TimeSpan> BareEndpointAsync(List<byte[]> pages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGet("/page/{index:int}", (int index) => Results.Bytes(pages[index], "application/json"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return await Measure.MedianAsync(5, async () =>
        {
            for (var i = 0; i < pages.Count; i++)
            {
                var json = await http.GetStringAsync(new Uri($"/page/{i}", UriKind.Relative));
                KubernetesJson.Deserialize<V1PodList>(json);
            }
        });
    }
}
