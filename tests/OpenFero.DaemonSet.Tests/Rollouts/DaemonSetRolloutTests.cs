using OpenFero.DaemonSet.Rollouts;
using static OpenFero.DaemonSet.Tests.Rollouts.RolloutObjects;

namespace OpenFero.DaemonSet.Tests.Rollouts;

/// <summary>The rollout model, fed as the watches feed it: its timeline by node, its gaps, and the progress deadline.</summary>
public sealed class DaemonSetRolloutTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_rolling_update_on_two_nodes_gives_each_node_its_steps_with_the_times_kubernetes_recorded()
    {
        var rollout = new DaemonSetRollout("kube-system", "calico-node");
        rollout.ObserveDaemonSet(Ds(1, desired: 2, updated: 2, available: 2), T0);
        rollout.ObservePod(Pod("old-a", "node-1", 1, T0.AddDays(-1), T0.AddDays(-1)), T0);
        rollout.ObservePod(Pod("old-b", "node-2", 1, T0.AddDays(-1), T0.AddDays(-1)), T0);

        rollout.ObserveDaemonSet(Ds(2, desired: 2, updated: 0, available: 2), T0.AddSeconds(1));
        rollout.ObservePod(Pod("old-a", "node-1", 1, T0.AddDays(-1), T0.AddDays(-1), deletionRequested: T0.AddSeconds(2)), T0.AddSeconds(2));
        rollout.ObservePodRemoved(Pod("old-a", "node-1", 1, T0.AddDays(-1)), T0.AddSeconds(4));
        rollout.ObservePod(Pod("new-a", "node-1", 2, T0.AddSeconds(5)), T0.AddSeconds(5));
        rollout.ObservePod(Pod("new-a", "node-1", 2, T0.AddSeconds(5), readySince: T0.AddSeconds(9)), T0.AddSeconds(9));
        rollout.ObserveDaemonSet(Ds(2, desired: 2, updated: 1, available: 2), T0.AddSeconds(9));
        rollout.ObservePod(Pod("old-b", "node-2", 1, T0.AddDays(-1), T0.AddDays(-1), deletionRequested: T0.AddSeconds(10)), T0.AddSeconds(10));
        rollout.ObservePod(Pod("new-b", "node-2", 2, T0.AddSeconds(40)), T0.AddSeconds(40));
        rollout.ObservePod(Pod("new-b", "node-2", 2, T0.AddSeconds(40), readySince: T0.AddSeconds(42)), T0.AddSeconds(42));
        rollout.ObserveDaemonSet(Ds(2, desired: 2, updated: 2, available: 2), T0.AddSeconds(42));

        var view = RolloutView.Of(rollout, T0.AddSeconds(43), Deadline);

        Assert.Equal(RolloutPhase.Complete, view.State);
        Assert.Equal(T0.AddSeconds(1), view.StartedAt);
        Assert.Equal(TimeSpan.FromSeconds(41), view.Duration);
        Assert.Collection(view.Nodes,
            a => Assert.Equal(new RolloutNodeRow("node-1", T0.AddSeconds(2), T0.AddSeconds(5), T0.AddSeconds(9), T0.AddSeconds(9), TimeSpan.FromSeconds(7)), a),
            b => Assert.Equal(new RolloutNodeRow("node-2", T0.AddSeconds(10), T0.AddSeconds(40), T0.AddSeconds(42), T0.AddSeconds(42), TimeSpan.FromSeconds(32)), b));
        Assert.Equal(TimeSpan.FromSeconds(30), view.LongestGap!.Length);
        Assert.Equal("old pod old-b deleted on node-2", view.LongestGap.After);
        Assert.Equal(RolloutStepKind.RolloutComplete, view.Steps[^1].Kind);
    }

    [Fact]
    public void A_pod_counts_as_available_only_once_min_ready_seconds_have_passed()
    {
        var rollout = new DaemonSetRollout("kube-system", "calico-node");
        rollout.ObserveDaemonSet(Ds(1, 1, 1, 1, minReadySeconds: 30), T0);
        rollout.ObserveDaemonSet(Ds(2, 1, 0, 1, minReadySeconds: 30), T0);
        rollout.ObservePod(Pod("new-a", "node-1", 2, T0.AddSeconds(1), readySince: T0.AddSeconds(5)), T0.AddSeconds(5));

        rollout.ObserveTime(T0.AddSeconds(34));
        Assert.DoesNotContain(rollout.Steps, s => s.Kind == RolloutStepKind.NewPodAvailable);

        rollout.ObserveTime(T0.AddSeconds(35));
        Assert.Equal(T0.AddSeconds(35), Assert.Single(rollout.Steps, s => s.Kind == RolloutStepKind.NewPodAvailable).At);
    }

    [Fact]
    public void A_rollout_whose_counts_do_not_move_within_the_deadline_is_stalled_and_a_move_makes_it_progressing_again()
    {
        var rollout = new DaemonSetRollout("kube-system", "calico-node");
        rollout.ObserveDaemonSet(Ds(1, 5, 5, 5), T0);
        rollout.ObserveDaemonSet(Ds(2, 5, 1, 4), T0);

        Assert.Equal(RolloutPhase.Progressing, rollout.Evaluate(T0.AddMinutes(9).AddSeconds(59), Deadline).State);
        var stalled = rollout.Evaluate(T0.AddMinutes(10), Deadline);
        Assert.Equal(RolloutPhase.Stalled, stalled.State);
        Assert.Equal("no pod updated or became available for 10m, past the 10m deadline: 1 of 5 updated, 4 available", stalled.Reason);

        // A status that changes nothing the deadline watches is no progress.
        rollout.ObserveDaemonSet(Ds(2, 5, 1, 4), T0.AddMinutes(11));
        Assert.Equal(RolloutPhase.Stalled, rollout.Evaluate(T0.AddMinutes(11), Deadline).State);

        rollout.ObserveDaemonSet(Ds(2, 5, 2, 4), T0.AddMinutes(12));
        var moving = rollout.Evaluate(T0.AddMinutes(12).AddSeconds(3), Deadline);
        Assert.Equal(RolloutPhase.Progressing, moving.State);
        Assert.Equal("2 of 5 updated, 4 available; last change 3s ago", moving.Reason);
    }

    [Fact]
    public void A_spec_the_controller_has_not_observed_is_not_complete_even_when_the_old_counts_are_full()
    {
        var rollout = new DaemonSetRollout("kube-system", "calico-node");
        rollout.ObserveDaemonSet(Ds(2, 3, 3, 3, observed: false), T0);

        var progress = rollout.Evaluate(T0.AddSeconds(5), Deadline);

        Assert.Equal(RolloutPhase.Progressing, progress.State);
        Assert.StartsWith("the controller has not observed the latest spec", progress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_on_delete_daemonset_that_waits_for_pods_to_be_deleted_says_so_when_stalled()
    {
        var rollout = new DaemonSetRollout("kube-system", "kube-proxy");
        rollout.ObserveDaemonSet(Ds(1, 3, 3, 3, strategy: "OnDelete"), T0);
        rollout.ObserveDaemonSet(Ds(2, 3, 0, 3, strategy: "OnDelete"), T0);

        var progress = rollout.Evaluate(T0.AddMinutes(30), Deadline);

        Assert.Equal(RolloutPhase.Stalled, progress.State);
        Assert.EndsWith("(OnDelete: a pod is replaced only when it is deleted)", progress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pods_of_a_complete_daemonset_seen_first_are_not_steps_of_a_rollout()
    {
        var rollout = new DaemonSetRollout("kube-system", "calico-node");
        rollout.ObserveDaemonSet(Ds(3, 2, 2, 2), T0);
        rollout.ObservePod(Pod("a", "node-1", 3, T0.AddDays(-1), T0.AddDays(-1)), T0);

        var view = RolloutView.Of(rollout, T0, Deadline);

        Assert.Equal(RolloutPhase.Complete, view.State);
        Assert.Empty(view.Steps);
        Assert.Null(view.StartedAt);
        Assert.Equal("all 2 pods updated and available", view.Reason);
    }

    [Fact]
    public void The_text_lays_out_one_aligned_row_per_node_with_times_from_the_start()
    {
        var rollout = new DaemonSetRollout("kube-system", "calico-node");
        rollout.ObserveDaemonSet(Ds(1, 2, 2, 2), T0);
        rollout.ObserveDaemonSet(Ds(2, 2, 0, 2), T0);
        rollout.ObservePod(Pod("new-a", "node-1", 2, T0.AddSeconds(5), readySince: T0.AddSeconds(65)), T0.AddSeconds(65));
        rollout.ObserveDaemonSet(Ds(2, 2, 1, 2), T0.AddSeconds(65));

        var text = RolloutText.Render(RolloutView.Of(rollout, T0.AddSeconds(70), Deadline));

        Assert.Contains("State:       Progressing: 1 of 2 updated, 2 available; last change 5s ago", text, StringComparison.Ordinal);
        Assert.Contains("NODE     OLD POD DELETED   NEW POD CREATED   READY   AVAILABLE   WITHOUT A READY POD", text, StringComparison.Ordinal);
        Assert.Contains("node-1   -                 +5s               +65s    +65s        -", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nodes_waiting_are_those_the_daemonset_should_run_on_without_a_pod_of_the_new_revision()
    {
        var rollout = new DaemonSetRollout("kube-system", "calico-node");
        rollout.ObserveDaemonSet(Ds(1, 3, 3, 3), T0);
        var next = Ds(2, 3, 1, 3);
        next.Spec.Template.Spec = new k8s.Models.V1PodSpec { NodeSelector = new Dictionary<string, string> { ["pool"] = "workers" }, Containers = [] };
        rollout.ObserveDaemonSet(next, T0);
        rollout.ObservePod(Pod("new-a", "node-1", 2, T0.AddSeconds(1)), T0.AddSeconds(1));
        k8s.Models.V1Node[] nodes = [Node("node-1", "workers"), Node("node-2", "workers"), Node("node-3", "gpu"), Node("node-4", "workers")];

        Assert.Equal(["node-2", "node-4"], rollout.NodesWaiting(nodes));
        Assert.Contains("Waiting:     2 node(s) not reached yet: node-2, node-4", RolloutText.Render(RolloutView.Of(rollout, T0.AddSeconds(2), Deadline, nodes)), StringComparison.Ordinal);

        rollout.ObserveDaemonSet(Ds(2, 3, 3, 3), T0.AddSeconds(9));
        Assert.Empty(rollout.NodesWaiting(nodes));
    }

    private static k8s.Models.V1Node Node(string name, string pool) => new()
    {
        Metadata = new k8s.Models.V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["pool"] = pool } },
        Spec = new k8s.Models.V1NodeSpec(),
        Status = new k8s.Models.V1NodeStatus { Conditions = [new k8s.Models.V1NodeCondition { Type = "Ready", Status = "True" }] },
    };
}
