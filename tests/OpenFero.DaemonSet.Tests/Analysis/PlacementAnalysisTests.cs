using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>Which eligible nodes count as not scheduled, and which only wait for their old pod to go.</summary>
public sealed class PlacementAnalysisTests
{
    [Fact]
    public void A_node_without_any_daemon_pod_is_not_scheduled()
    {
        var report = DaemonSetAnalyzer.Analyze(Snapshots.Of(Snapshots.DaemonSet()), new AnalysisOptions(), Snapshots.Now);

        var node = Assert.Single(report.NotScheduled);
        Assert.Equal(("node-1", UnscheduledReason.NoPodCreated), (node.Node, node.Reason));
        Assert.Empty(report.WaitingForOldPod);
    }

    [Fact]
    public void A_node_whose_only_pod_is_terminating_waits_for_it_and_is_not_called_unscheduled()
    {
        var ds = Snapshots.DaemonSet();
        var old = Snapshots.PendingDaemonPod(ds, "node-1", "");
        old.Status.Phase = "Running";
        old.Status.Conditions = [];
        old.Metadata.DeletionTimestamp = Snapshots.Now.UtcDateTime.AddSeconds(10);

        var report = DaemonSetAnalyzer.Analyze(Snapshots.Of(ds, [old]), new AnalysisOptions(), Snapshots.Now);

        Assert.Empty(report.NotScheduled);
        var waiting = Assert.Single(report.WaitingForOldPod);
        Assert.Equal(("node-1", old.Metadata.Name, PodCondition.Terminating), (waiting.Node, waiting.Pod, waiting.Condition));
        var pod = Assert.Single(report.Pods);
        Assert.Equal(("Running", true, "Terminating"), (pod.Phase, pod.Terminating, pod.Status));
    }

    [Fact]
    public void A_NotReady_node_with_its_daemon_pod_is_the_verdict_but_not_called_unscheduled()
    {
        var ds = Snapshots.DaemonSet();
        var pod = Snapshots.PendingDaemonPod(ds, "node-1", "");
        pod.Spec.NodeName = "node-1";
        pod.Status.Phase = "Running";
        pod.Status.Conditions = [];
        var snapshot = Snapshots.Of(ds, [pod]);
        snapshot.Nodes[0].Status.Conditions[0].Status = "Unknown";

        var report = DaemonSetAnalyzer.Analyze(snapshot, new AnalysisOptions(), Snapshots.Now);

        Assert.Empty(report.NotScheduled);
        Assert.Equal(VerdictCause.NodeNotReady, report.Verdict.Cause);
        Assert.Equal("node-1 is NotReady: its daemon pod cannot run", report.Verdict.Summary);
    }
}
