using k8s.Models;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Tests.Remediation;

public sealed class RemediationUnderFaultsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_remediations_with_a_fifth_of_requests_failing_all_roll_out_and_delete_only_the_stuck_pod()
    {
        var scenario = Path.Combine(Directory.CreateTempSubdirectory("faults-").FullName, "stuck-fast.yaml");
        await File.WriteAllTextAsync(scenario, $"""
            name: stuck-fast
            podStartSeconds: 0.3
            nodes:
              - count: 4
            daemonSets:
              - namespace: monitoring
                name: node-exporter
                previousImage: quay.io/prometheus/node-exporter:v1.7.0
                image: quay.io/prometheus/node-exporter:v1.8.2
                priorityClassName: system-node-critical
            behaviours:
              terminationHangsOn: [node-2]
              deletingAtStart: [monitoring/node-exporter@node-2]
              deletingSinceMinutes: 20
            """, Cancel);

        var results = new List<(RemediationResult Result, int StuckDeletions, int Updated, long Injected, string Errors)>();
        foreach (var batch in Enumerable.Range(0, 50).Chunk(10))
        {
            results.AddRange(await Task.WhenAll(batch.Select(seed => RemediateUnderFaultsAsync(scenario, seed))));
        }

        Assert.All(results, r => Assert.True((RemediationResult.RolledOut, 1, 4) == (r.Result, r.StuckDeletions, r.Updated), r.ToString()));
        Assert.True(results.Sum(r => r.Injected) > 50, "faults were injected");
    }

    private static async Task<(RemediationResult, int, int, long, string)> RemediateUnderFaultsAsync(string scenario, int seed)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario }, Cancel);
        cluster.Faults.Seed(seed);
        cluster.Faults.InjectRate(0.04, new Fault.TooManyRequests(1));
        cluster.Faults.InjectRate(0.04, new Fault.ServerError());
        cluster.Faults.InjectRate(0.04, new Fault.ServiceUnavailable());
        cluster.Faults.InjectRate(0.04, new Fault.ConnectionReset());
        cluster.Faults.InjectRate(0.04, new Fault.Latency(TimeSpan.FromMilliseconds(50)));

        var errors = new StringWriter();
        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, "monitoring", "node-exporter", errors, ("Runner__RolloutTimeout", "00:01:00"));

        var stuckDeletions = cluster.Store.List(ResourceTypes.Events, "monitoring").Select(e => e.As<Corev1Event>()).Count(e => e.Reason == "StuckPodDeleted");
        var ds = cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").As<V1DaemonSet>();
        return (outcome.Result, stuckDeletions, ds.Status.UpdatedNumberScheduled ?? 0, cluster.Faults.Injected, errors.ToString());
    }
}
