using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>
/// Misscheduled pods against the simulated cluster, its controllers stepped and held still once the nodes change
/// (a real controller would delete the first pod itself before the runner came): a pod on a node that lost the
/// nodeSelector's label is deleted only with <c>Runner__DeleteMisscheduledPods=true</c>; a pod on a node with an
/// untolerated NoSchedule taint never is.
/// </summary>
public sealed class MisscheduledDeletionTests
{
    private const string Namespace = "logging";
    private const string Name = "log-agent";
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Without_the_opt_in_misscheduled_pods_are_reported_and_none_is_deleted()
    {
        var time = new FakeTimeProvider(Start);
        await using var cluster = await MisplacedAsync(time);
        var before = Live(cluster);

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, Environment(), TextWriter.Null, time);

        Assert.Equal((RemediationResult.Declined, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Equal(before, Live(cluster));
        Assert.DoesNotContain(RemediationScenarioTests.Events(cluster, Namespace), e => e.Reason == "MisscheduledPodDeleted");
    }

    [Fact]
    public async Task With_the_opt_in_the_pod_whose_node_lost_the_label_is_deleted_and_the_NoSchedule_tainted_nodes_pod_is_kept()
    {
        var time = new FakeTimeProvider(Start);
        await using var cluster = await MisplacedAsync(time);
        var before = Live(cluster);
        var message = DryRunTests.TerminationMessageFile();
        var environment = Environment();
        environment["Runner__DeleteMisscheduledPods"] = "true";
        environment["Runner__TerminationMessagePath"] = message;

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, environment, TextWriter.Null, time);

        Assert.Equal((RemediationResult.RolledOut, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Equal(before.Where(p => !p.StartsWith("node-2 ", StringComparison.Ordinal)), Live(cluster));
        var deleted = Assert.Single(RemediationScenarioTests.Events(cluster, Namespace), e => e.Reason == "MisscheduledPodDeleted");
        Assert.Equal((DaemonSetEvents.Component, "DeletePod"), (deleted.Source.Component, deleted.Action));
        Assert.Matches(@"^deleted log-agent-\w+ on node-2 \(nodeSelector agent does not match the node's labels: the DaemonSet controller deletes it too\)$", deleted.Message);
        var written = await File.ReadAllTextAsync(message, TestContext.Current.CancellationToken);
        Assert.Matches(@"kept log-agent-\w+ on node-3: untolerated taint dedicated=gpu:NoSchedule: Kubernetes keeps it running", written);
        Assert.Contains("deleted 1 misscheduled pod(s)", written, StringComparison.Ordinal);
    }

    /// <summary>
    /// The scenario settled, then node-2's label taken off and node-3 tainted NoSchedule, with the controllers no
    /// longer stepped: the DaemonSet controller does not get to delete node-2's pod first.
    /// </summary>
    private static async Task<SimulatedCluster> MisplacedAsync(FakeTimeProvider time)
    {
        var scenario = Path.Combine(RepositoryRoot.Path, "tests", "fixtures", "scenarios", "node-lost-label.yaml");
        var cluster = await SimulatedCluster.StartAsync(
            new SimulatedClusterOptions { Scenario = scenario, Time = time, StepControllers = true, NameSeed = 1 }, TestContext.Current.CancellationToken);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(30); elapsed += ClusterControllers.Tick)
        {
            cluster.Controllers!.ReconcileOnce();
            time.Advance(ClusterControllers.Tick);
        }

        Edit(cluster, "node-2", node => node.Metadata.Labels["agent"] = "false");
        Edit(cluster, "node-3", node => node.Spec.Taints = [new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }]);
        return cluster;
    }

    private static void Edit(SimulatedCluster cluster, string node, Action<V1Node> change)
    {
        var stored = cluster.Store.GetRequired(ResourceTypes.Nodes, null, node).ToMutable<V1Node>();
        change(stored);
        cluster.Store.Update(ResourceTypes.Nodes, ClusterJson.From(stored));
    }

    private static Dictionary<string, string> Environment() => new()
    {
        ["OPENFERO_NAMESPACE"] = Namespace,
        ["OPENFERO_DAEMONSET"] = Name,
        ["Runner__TerminationMessagePath"] = Path.Combine(Path.GetTempPath(), "openfero-tests-no-termination-log", "termination-log"),
    };

    /// <summary>"node uid" of every pod not being deleted.</summary>
    private static List<string> Live(SimulatedCluster cluster) =>
        [.. RemediationScenarioTests.Pods(cluster, Namespace).Where(p => p.Metadata.DeletionTimestamp is null)
            .Select(p => $"{p.Spec.NodeName} {p.Metadata.Uid}").Order(StringComparer.Ordinal)];
}
