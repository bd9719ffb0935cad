using k8s.Models;

namespace OpenFero.DaemonSet.Semantics.Tests;

public sealed class PlacementTests
{
    [Fact]
    public void Untainted_matching_node_should_run_and_continue()
    {
        var decision = DaemonPodPlacement.Evaluate(Build.Node("n1"), Build.DaemonSet());

        Assert.Equal(new PlacementDecision(true, true, null), decision);
    }

    [Fact]
    public void Untolerated_NoSchedule_taint_stops_new_pods_but_keeps_running_ones()
    {
        var decision = DaemonPodPlacement.Evaluate(Build.Node("n1", null, Build.Taint("dedicated", "NoSchedule", "gpu")), Build.DaemonSet());

        Assert.False(decision.ShouldRun);
        Assert.True(decision.ShouldContinueRunning);
        var taint = Assert.IsType<PlacementRejection.UntoleratedTaint>(decision.Rejection);
        Assert.Equal("dedicated=gpu:NoSchedule", taint.Describe());
    }

    [Fact]
    public void Untolerated_NoExecute_taint_evicts()
    {
        var decision = DaemonPodPlacement.Evaluate(Build.Node("n1", null, Build.Taint("maintenance", "NoExecute")), Build.DaemonSet());

        Assert.Equal((false, false), (decision.ShouldRun, decision.ShouldContinueRunning));
    }

    [Theory]
    [InlineData("node.kubernetes.io/unschedulable", "NoSchedule")]
    [InlineData("node.kubernetes.io/not-ready", "NoExecute")]
    [InlineData("node.kubernetes.io/unreachable", "NoExecute")]
    [InlineData("node.kubernetes.io/disk-pressure", "NoSchedule")]
    public void Default_daemon_tolerations_keep_cordoned_and_unhealthy_nodes_eligible(string key, string effect)
    {
        var decision = DaemonPodPlacement.Evaluate(Build.Node("n1", null, Build.Taint(key, effect)), Build.DaemonSet());

        Assert.True(decision.ShouldRun);
    }

    [Fact]
    public void PreferNoSchedule_taints_are_ignored()
    {
        Assert.True(DaemonPodPlacement.Evaluate(Build.Node("n1", null, Build.Taint("x", "PreferNoSchedule")), Build.DaemonSet()).ShouldRun);
    }

    [Fact]
    public void NodeSelector_mismatch_names_the_key_and_evicts()
    {
        var ds = Build.DaemonSet();
        ds.Spec.Template.Spec.NodeSelector = new Dictionary<string, string> { ["role"] = "edge" };

        var decision = DaemonPodPlacement.Evaluate(Build.Node("n1", new() { ["role"] = "core" }), ds);

        Assert.Equal(new PlacementRejection.NodeSelector("role"), decision.Rejection);
        Assert.False(decision.ShouldContinueRunning);
    }

    [Fact]
    public void Required_affinity_terms_are_ORed_and_empty_terms_match_nothing()
    {
        var ds = Build.DaemonSet();
        ds.Spec.Template.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm(),
                        new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "zone", OperatorProperty = "In", Values = ["a", "b"] }] },
                    ],
                },
            },
        };

        Assert.True(DaemonPodPlacement.Evaluate(Build.Node("n1", new() { ["zone"] = "b" }), ds).ShouldRun);
        Assert.IsType<PlacementRejection.NodeAffinity>(DaemonPodPlacement.Evaluate(Build.Node("n2", new() { ["zone"] = "c" }), ds).Rejection);
    }

    [Fact]
    public void Network_unavailable_is_tolerated_only_with_host_network()
    {
        var ds = Build.DaemonSet();
        var node = Build.Node("n1", null, Build.Taint("node.kubernetes.io/network-unavailable", "NoSchedule"));

        Assert.False(DaemonPodPlacement.Evaluate(node, ds).ShouldRun);
        ds.Spec.Template.Spec.HostNetwork = true;
        Assert.True(DaemonPodPlacement.Evaluate(node, ds).ShouldRun);
    }

    [Fact]
    public void Equal_toleration_needs_the_same_value_and_exists_tolerates_any()
    {
        var taint = Build.Taint("dedicated", "NoSchedule", "gpu");

        Assert.False(TolerationMatcher.Tolerates(new V1Toleration { Key = "dedicated", Value = "cpu", Effect = "NoSchedule" }, taint));
        Assert.True(TolerationMatcher.Tolerates(new V1Toleration { Key = "dedicated", Value = "gpu" }, taint));
        Assert.True(TolerationMatcher.Tolerates(new V1Toleration { OperatorProperty = "Exists" }, taint));
    }
}
