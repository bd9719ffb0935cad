using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Rollouts;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Tests.Rollouts;

/// <summary>
/// The monitor against the simulated cluster, both on one fake clock: the timeline and the stall detection of the
/// healthy, stuck and broken scenarios, a rollout seen starting, and no list after the initial sync.
/// </summary>
public sealed class RolloutMonitorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_healthy_rollout_completes_with_every_node_deleted_created_ready_and_available_in_the_timeline()
    {
        await using var run = await MonitoredCluster.StartAsync("healthy");

        var view = await run.AdvanceUntilAsync("monitoring", "node-exporter", EveryNodeAvailable, "the rollout to complete and every new pod to be seen available");

        Assert.Equal(["node-1", "node-2", "node-3", "node-4"], view.Nodes.Select(n => n.Node).Order(StringComparer.Ordinal));
        // Seen from the middle: an old pod deleted before the watch began is not in the timeline; the rest is.
        Assert.All(view.Nodes, n => Assert.True(n.NewPodReady >= n.NewPodCreated && n.NewPodAvailable >= n.NewPodReady, $"{n}"));
        Assert.Null(view.StartedAt);
        Assert.Equal(RolloutStepKind.RolloutComplete, view.Steps[^1].Kind);
        Assert.Equal("all 4 pods updated and available", view.Reason);
    }

    [Fact]
    public async Task The_stuck_rollout_progresses_until_the_deadline_and_then_is_stalled_with_its_counts()
    {
        await using var run = await MonitoredCluster.StartAsync("stuck-rollout");
        var first = await run.AdvanceUntilAsync("monitoring", "node-exporter", v => v.Desired > 0, "the DaemonSet to be seen");
        Assert.Equal(RolloutPhase.Progressing, first.State);

        var stalled = await run.AdvanceUntilAsync("monitoring", "node-exporter", v => v.State == RolloutPhase.Stalled, "the rollout to stall", within: TimeSpan.FromMinutes(2));

        Assert.InRange(run.Time.GetUtcNow() - stalled.LastProgressAt, Deadline, Deadline + TimeSpan.FromSeconds(5));
        Assert.StartsWith("no pod updated or became available for 60s, past the 60s deadline: ", stalled.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"{stalled.Updated} of 4 updated, {stalled.Available} available", stalled.Reason, StringComparison.Ordinal);
        Assert.True(stalled.Updated < 4);
    }

    [Fact]
    public async Task The_broken_revision_stalls_with_a_new_pod_created_that_never_became_ready()
    {
        await using var run = await MonitoredCluster.StartAsync("broken-revision");

        // The pods come by their own watch: under load its first list may arrive after the clock has run past the deadline.
        var stalled = await run.AdvanceUntilAsync("kube-system", "calico-node", v => v.State == RolloutPhase.Stalled && v.Nodes.Any(n => n.NewPodCreated is not null),
            "the rollout to stall with its crashing pod seen", within: TimeSpan.FromMinutes(2));

        var crashing = Assert.Single(stalled.Nodes, n => n.NewPodCreated is not null);
        Assert.Null(crashing.NewPodReady);
        Assert.Null(crashing.NewPodAvailable);
        Assert.Equal($"new pod {stalled.Steps.Single(s => s.Kind == RolloutStepKind.NewPodCreated).Pod} created on {crashing.Node}", stalled.LongestGap!.After);
    }

    [Fact]
    public async Task A_new_revision_starts_a_rollout_at_the_moment_it_was_seen_and_nothing_is_listed_after_the_sync()
    {
        await using var run = await MonitoredCluster.StartAsync("healthy");
        await run.AdvanceUntilAsync("monitoring", "node-exporter", v => v.State == RolloutPhase.Complete, "the scenario's rollout to complete");
        var lists = run.Lists();

        var patchedAt = run.Time.GetUtcNow();
        var patch = new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"node-exporter","image":"quay.io/prometheus/node-exporter:v1.9.0"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch);
        await run.Client.AppsV1.PatchNamespacedDaemonSetAsync(patch, "node-exporter", "monitoring", cancellationToken: Cancel);
        var started = await run.AdvanceUntilAsync("monitoring", "node-exporter", v => v.StartedAt is not null && v.NodesWaiting.Count > 0, "the new revision to be seen, with nodes not reached yet");
        var complete = await run.AdvanceUntilAsync("monitoring", "node-exporter", EveryNodeAvailable, "the new rollout to complete and every new pod to be seen available");

        Assert.InRange(started.StartedAt!.Value, patchedAt - TimeSpan.FromSeconds(1), patchedAt + TimeSpan.FromSeconds(1));
        Assert.Equal(RolloutStepKind.RolloutStarted, complete.Steps[0].Kind);
        Assert.Equal(4, complete.Nodes.Count);
        Assert.Empty(complete.NodesWaiting);
        Assert.All(started.NodesWaiting, n => Assert.Matches("^node-[1-4]$", n));
        Assert.All(complete.Nodes, n =>
        {
            Assert.True(n.NewPodCreated >= n.OldPodDeleted, $"{n}: created before its old pod was deleted");
            Assert.True(n.NewPodReady >= n.NewPodCreated, $"{n}: ready before created");
            Assert.True(n.NewPodAvailable >= n.NewPodReady, $"{n}: available before ready");
            Assert.Equal(n.NewPodReady - n.OldPodDeleted, n.WithoutReadyPod);
        });
        Assert.Equal(complete.CompletedAt - complete.StartedAt, complete.Duration);
        Assert.Equal(complete.StartedAt, complete.Steps[0].At);
        Assert.Equal(lists, run.Lists());
    }

    /// <summary>
    /// Complete, and each node's new pod seen available: the DaemonSet's status and its pods come by different watches,
    /// so the status may say complete before the last pod's event arrives.
    /// </summary>
    private static bool EveryNodeAvailable(RolloutView view) =>
        view.State == RolloutPhase.Complete && view.Nodes.Count == view.Desired && view.Nodes.All(n => n.NewPodAvailable is not null);

    /// <summary>The simulated cluster and the monitor on one fake clock.</summary>
    private sealed class MonitoredCluster : IAsyncDisposable
    {
        private readonly SimulatedCluster cluster;
        private readonly RolloutMonitor monitor;

        private MonitoredCluster(SimulatedCluster cluster, FakeTimeProvider time)
        {
            this.cluster = cluster;
            Time = time;
            Client = new k8s.Kubernetes(cluster.ClientConfiguration());
            var analysis = new AnalysisOptions();
            analysis.DaemonsetRolloutMonitor.ProgressDeadline = Deadline;
            monitor = new RolloutMonitor(Client, Options.Create(analysis), Options.Create(new RemediationPolicy()), time, NullLogger<RolloutMonitor>.Instance);
        }

        public FakeTimeProvider Time { get; }

        public k8s.Kubernetes Client { get; }

        public static async Task<MonitoredCluster> StartAsync(string scenario)
        {
            var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T09:00:00Z", CultureInfo.InvariantCulture));
            var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario, Time = time }, Cancel);
            var run = new MonitoredCluster(cluster, time);
            await run.monitor.StartAsync(Cancel);
            return run;
        }

        /// <summary>Lists of DaemonSets and pods the cluster has answered so far.</summary>
        public (long DaemonSets, long Pods) Lists() => (cluster.Requests.Count("list", "daemonsets"), cluster.Requests.Count("list", "pods"));

        /// <summary>Moves the clock one controller tick at a time until the DaemonSet's rollout is as <paramref name="accept"/> wants it.</summary>
        public async Task<RolloutView> AdvanceUntilAsync(string ns, string name, Func<RolloutView, bool> accept, string reason, TimeSpan? within = null) =>
            (await Eventually.ReachesAsync(
                async () =>
                {
                    var view = monitor.Get(ns, name);
                    if (view is null || !accept(view))
                    {
                        Time.Advance(ClusterControllers.Tick);
                        await Task.Yield();
                    }

                    return view;
                },
                view => view is not null && accept(view),
                reason,
                within,
                view => view is null ? "not watched yet" : $"{view.State}: {view.Reason}"))!;

        public async ValueTask DisposeAsync()
        {
            await monitor.StopAsync(CancellationToken.None);
            monitor.Dispose();
            Client.Dispose();
            await cluster.DisposeAsync();
        }
    }
}
