using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>Pod deletions go a batch at a time, and a batch whose replacements never become available stops the run.</summary>
public sealed class ReplacementWaitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replacement_that_never_becomes_ready_stops_the_run_before_the_second_batch()
    {
        var scenario = Path.Combine(Directory.CreateTempSubdirectory("replacement-").FullName, "two-stuck-bad-image.yaml");
        await File.WriteAllTextAsync(scenario, """
            name: two-stuck-bad-image
            podStartSeconds: 0.3
            nodes:
              - count: 4
            daemonSets:
              - namespace: monitoring
                name: node-exporter
                previousImage: quay.io/prometheus/node-exporter:v1.7.0
                image: quay.io/prometheus/node-exporter:v1.8.2
            behaviours:
              images:
                quay.io/prometheus/node-exporter:v1.8.2: ImagePullBackOff
              terminationHangsOn: [node-2, node-3]
              deletingAtStart: [monitoring/node-exporter@node-2, monitoring/node-exporter@node-3]
              deletingSinceMinutes: 20
            """, Cancel);
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario }, Cancel);
        var onNode3 = Pods(cluster).Single(p => p.Spec.NodeName == "node-3").Metadata.Uid;

        // The runner on a fake clock that starts at the cluster's now: the default two-minute batch timeout passes
        // when the test moves the clock, not in real time.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var environment = new Dictionary<string, string>
        {
            ["OPENFERO_NAMESPACE"] = "monitoring",
            ["OPENFERO_DAEMONSET"] = "node-exporter",
            ["Runner__TerminationMessagePath"] = Path.Combine(Path.GetTempPath(), "openfero-tests-no-termination-log", "termination-log"),
            // The client's timeouts run on the same clock: far beyond what the test moves it, so no request times out.
            ["Kubernetes__AttemptTimeout"] = "00:05:00",
            ["Kubernetes__TotalTimeout"] = "00:10:00",
        };
        var run = RemediationScenarioTests.RemediateAsync(cluster, environment, TextWriter.Null, clock);
        await Eventually.HoldsAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromSeconds(5));
                return run.IsCompleted;
            },
            "the run to stop once its batch's replacement was not available within Runner:BatchTimeout (2m) on the fake clock");
        var outcome = await run;

        Assert.Equal((RemediationResult.NotRolledOut, RemediationExit.NotRolledOut), (outcome.Result, outcome.Exit));
        Assert.Contains(Pods(cluster), p => p.Metadata.Uid == onNode3);
        var timeout = Assert.Single(Events(cluster), e => e.Reason == "PodReplacementTimeout");
        Assert.Equal("Warning", timeout.Type);
        Assert.Contains("node-2", timeout.Message, StringComparison.Ordinal);
        Assert.Single(Events(cluster), e => e.Reason == "StuckPodDeleted");
        var ending = Assert.Single(Events(cluster), e => e.Reason == OutcomeEvent.NotRolledOut);
        Assert.Equal("Warning", ending.Type);
        Assert.StartsWith("Not rolled out: deleted 1 stuck pod(s), then no available replacement on node-2", ending.Message, StringComparison.Ordinal);
    }

    private static List<V1Pod> Pods(SimulatedCluster cluster) => [.. cluster.Store.List(ResourceTypes.Pods, "monitoring").Select(p => p.As<V1Pod>())];

    private static List<Corev1Event> Events(SimulatedCluster cluster) => [.. cluster.Store.List(ResourceTypes.Events, "monitoring").Select(e => e.As<Corev1Event>())];
}
