using System.Diagnostics;
using System.Text;
using k8s.Models;
using OpenFero.DaemonSet.Playground;
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
    /// <summary>Far beyond a normal run (about 15 s): past it, the run is reported as stuck rather than waited on.</summary>
    private static readonly TimeSpan RolloutBound = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var floors = new List<TimeSpan>();
        var remediations = new List<TimeSpan>();
        for (var run = 0; run < 3; run++)
        {
            floors.Add(await FloorAsync(cancellationToken));
            remediations.Add(await AlertToRolledOutAsync(repositoryRoot, run, cancellationToken));
        }

        floors.Sort();
        remediations.Sort();
        Console.WriteLine("## Remediation, stuck-rollout (4 nodes, maxUnavailable 1, pods start in 2 s)");
        Console.WriteLine($"floor (stuck pod removed by hand, rollout on its own): median {Measure.Ms(floors[1])}");
        Console.WriteLine($"alert received -> rollout complete (server, Job, runner): median {Measure.Ms(remediations[1])}; over the floor by {Measure.Ms(remediations[1] - floors[1])}");
    }

    private static async Task<TimeSpan> FloorAsync(CancellationToken cancellationToken)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "stuck-rollout" }, cancellationToken);
        var stuck = cluster.Store.List(ResourceTypes.Pods, "monitoring").Select(p => p.As<V1Pod>()).Single(p => p.Metadata.DeletionTimestamp is not null);
        var watch = Stopwatch.StartNew();
        cluster.Store.FinishDeletion(ResourceTypes.Pods, "monitoring", stuck.Metadata.Name);
        await WaitForRolloutAsync(cluster, "floor", null, cancellationToken);
        return watch.Elapsed;
    }

    private static async Task<TimeSpan> AlertToRolledOutAsync(string repositoryRoot, int run, CancellationToken cancellationToken)
    {
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("openfero-bench-").FullName, "kubeconfig");
        await using var playground = await PlaygroundSystem.StartAsync("stuck-rollout", kubeconfig, ["--urls", "http://127.0.0.1:0", "--Serilog:MinimumLevel:Default", "Warning"], cancellationToken);
        using var http = new HttpClient();
        var url = new Uri(playground.Server.Urls.First());
        var ready = Stopwatch.StartNew();
        while (!(await http.GetAsync(new Uri(url, "/readyz"), cancellationToken)).IsSuccessStatusCode)
        {
            if (ready.Elapsed > RolloutBound)
            {
                throw new TimeoutException($"the server was not ready after {RolloutBound}");
            }

            await Task.Delay(20, cancellationToken);
        }

        var body = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "test-alerts", "kube-daemonset-rollout-stuck.json"), cancellationToken);
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync(new Uri(url, "/alerts"), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        var answer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
        await Console.Error.WriteLineAsync($"remediation: run {run + 1} of 3, alert posted ({(int)response.StatusCode})");
        await WaitForRolloutAsync(playground.Cluster, $"run {run + 1}", answer, cancellationToken);
        return watch.Elapsed;
    }

    /// <summary>Until kubectl's rule says "successfully rolled out"; past the bound, fails with what the cluster looks like.</summary>
    private static async Task WaitForRolloutAsync(SimulatedCluster cluster, string what, string? webhookAnswer, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (RolloutStatus.Evaluate(DaemonSet(cluster)) is { Done: false } status)
        {
            if (waited.Elapsed > RolloutBound)
            {
                throw new TimeoutException($"{what}: not rolled out after {RolloutBound}: {status.Message}\n{Describe(cluster, webhookAnswer)}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static V1DaemonSet DaemonSet(SimulatedCluster cluster) =>
        cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").As<V1DaemonSet>();

    private static string Describe(SimulatedCluster cluster, string? webhookAnswer)
    {
        var pods = cluster.Store.List(ResourceTypes.Pods).Select(p => p.As<V1Pod>())
            .Select(p => $"  pod {p.Metadata.NamespaceProperty}/{p.Metadata.Name} on {p.Spec.NodeName ?? "(none)"}: {p.Status?.Phase}"
                + $"{(p.Metadata.DeletionTimestamp is null ? "" : ", terminating")} {p.Status?.Conditions?.FirstOrDefault(c => c.Status == "False")?.Message}");
        var jobs = cluster.Store.List(ResourceTypes.Jobs).Select(j => j.As<V1Job>())
            .Select(j => $"  job {j.Metadata.Name}: active {j.Status?.Active ?? 0}, succeeded {j.Status?.Succeeded ?? 0}, failed {j.Status?.Failed ?? 0}");
        var logs = cluster.Controllers?.JobLogs.Select(l => $"  log of {l.Key}:\n{l.Value}") ?? [];
        var stalls = cluster.Controllers?.Health.Stalled().Select(s => $"  stalled: {s.Controller}: {s.Reason}") ?? [];
        return string.Join('\n', [$"  webhook answer: {webhookAnswer ?? "(none)"}", .. stalls, .. pods, .. jobs, .. logs]);
    }
}
