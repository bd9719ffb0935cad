using System.Diagnostics;
using k8s;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// The analysis of the 5,000-node DaemonSet (read + analyse) beside the raw paged lists of the same pods and
/// nodes (the floor it cannot beat), measured in the same run, with its request count and peak memory.
/// </summary>
internal static class AnalysisBenchmark
{
    public static async Task RunAsync()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "large-5000" }, CancellationToken.None);
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var reader = new DaemonSetSnapshotReader(client);
        var target = new DaemonSetTarget("monitoring", "node-exporter");
        while ((await client.AppsV1.ReadNamespacedDaemonSetAsync("node-exporter", "monitoring")).Status?.ObservedGeneration is null)
        {
            await Task.Delay(100);
        }

        var raw = await Measure.MedianAsync(5, async () =>
        {
            string? next = null;
            do
            {
                var page = await client.CoreV1.ListNamespacedPodAsync("monitoring", labelSelector: "app.kubernetes.io/name=node-exporter", limit: 500, continueParameter: next);
                next = page.Metadata.ContinueProperty;
            }
            while (!string.IsNullOrEmpty(next));
            next = null;
            do
            {
                var page = await client.CoreV1.ListNodeAsync(limit: 500, continueParameter: next);
                next = page.Metadata.ContinueProperty;
            }
            while (!string.IsNullOrEmpty(next));
        });

        DaemonSetReport? report = null;
        cluster.Requests.Reset();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var analysis = await Measure.MedianAsync(5, async () =>
        {
            var snapshot = await reader.ReadAsync(target, null, CancellationToken.None);
            report = DaemonSetAnalyzer.Analyze(snapshot!, new AnalysisOptions(), TimeProvider.System.GetUtcNow());
            peak = Math.Max(peak, GC.GetTotalMemory(false));
        });
        var requests = cluster.Requests.Total / 6;

        Console.WriteLine("## Analysis, large-5000");
        Console.WriteLine($"raw paged lists of the DaemonSet's pods and all nodes (floor): {Measure.Ms(raw)}");
        Console.WriteLine($"analysis (read + analyse): {Measure.Ms(analysis)}; ratio {analysis / raw:0.00}x; {requests} API requests per analysis");
        Console.WriteLine($"verdict: {report!.Verdict.Summary}; managed heap growth during analysis (cluster excluded) {Measure.MiB(peak - baseline)}; process working set {Measure.MiB(Process.GetCurrentProcess().WorkingSet64)}");
    }
}
