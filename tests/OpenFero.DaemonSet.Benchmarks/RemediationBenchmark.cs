using System.Diagnostics;
using System.Text;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// From the alert's arrival to "successfully rolled out" on the stuck scenario (the playground: server, Job,
/// in-process runner), beside the floor: the same rollout once the stuck pod is removed by hand, which is only
/// the simulated pods' own start-up and termination time.
/// </summary>
internal static class RemediationBenchmark
{
    public static async Task RunAsync(string repositoryRoot)
    {
        var floors = new List<TimeSpan>();
        var remediations = new List<TimeSpan>();
        for (var run = 0; run < 3; run++)
        {
            floors.Add(await FloorAsync());
            remediations.Add(await AlertToRolledOutAsync(repositoryRoot));
        }

        floors.Sort();
        remediations.Sort();
        Console.WriteLine("## Remediation, stuck-rollout (4 nodes, maxUnavailable 1, pods start in 2 s)");
        Console.WriteLine($"floor (stuck pod removed by hand, rollout on its own): median {Measure.Ms(floors[1])}");
        Console.WriteLine($"alert received -> rollout complete (server, Job, runner): median {Measure.Ms(remediations[1])}; over the floor by {Measure.Ms(remediations[1] - floors[1])}");
    }

    private static async Task<TimeSpan> FloorAsync()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "stuck-rollout" }, CancellationToken.None);
        var stuck = cluster.Store.List(ResourceTypes.Pods, "monitoring").Select(p => p.As<V1Pod>()).Single(p => p.Metadata.DeletionTimestamp is not null);
        var watch = Stopwatch.StartNew();
        cluster.Store.FinishDeletion(ResourceTypes.Pods, "monitoring", stuck.Metadata.Name);
        while (!RolloutStatus.Evaluate(cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").As<V1DaemonSet>()).Done)
        {
            await Task.Delay(20);
        }

        return watch.Elapsed;
    }

    private static async Task<TimeSpan> AlertToRolledOutAsync(string repositoryRoot)
    {
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("openfero-bench-").FullName, "kubeconfig");
        await using var playground = await Playground.StartAsync("stuck-rollout", kubeconfig, ["--urls", "http://127.0.0.1:0", "--Serilog:MinimumLevel:Default", "Warning"], CancellationToken.None);
        using var http = new HttpClient();
        var url = new Uri(playground.Server.Urls.First());
        while (!(await http.GetAsync(new Uri(url, "/readyz"))).IsSuccessStatusCode)
        {
            await Task.Delay(20);
        }

        var body = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "test-alerts", "kube-daemonset-rollout-stuck.json"));
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync(new Uri(url, "/alerts"), new StringContent(body, Encoding.UTF8, "application/json"));
        while (!RolloutStatus.Evaluate(playground.Cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").As<V1DaemonSet>()).Done)
        {
            await Task.Delay(20);
        }

        return watch.Elapsed;
    }
}
