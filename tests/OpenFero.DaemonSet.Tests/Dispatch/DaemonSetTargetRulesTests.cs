using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed class DaemonSetTargetRulesTests
{
    [Theory]
    [InlineData("monitoring", "node-exporter")]
    [InlineData("kube-system", "calico-node")]
    [InlineData("a", "ds.v2.example")]
    [InlineData("0ns", "9")]
    public void Kubernetes_names_are_valid_targets(string ns, string name)
    {
        Assert.Null(DaemonSetTargetRules.Check(new DaemonSetTarget(ns, name)));
    }

    [Theory]
    [InlineData(".", "namespace")]
    [InlineData("..", "namespace")]
    [InlineData("Monitoring", "namespace")]
    [InlineData("-monitoring", "namespace")]
    [InlineData("monitoring-", "namespace")]
    [InlineData("kube.system", "namespace")]
    [InlineData("monitoring\n", "namespace")]
    [InlineData("mon/itoring", "namespace")]
    [InlineData("events/../x", "namespace")]
    public void A_namespace_that_is_no_dns_label_is_named_as_the_problem(string ns, string label)
    {
        var problem = DaemonSetTargetRules.Check(new DaemonSetTarget(ns, "node-exporter"));

        Assert.Equal(label, problem?.Label);
        Assert.Equal(ns, problem?.Value);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("node..exporter")]
    [InlineData("node-exporter.")]
    [InlineData("Node-Exporter")]
    [InlineData("node_exporter")]
    [InlineData("node exporter")]
    [InlineData("a/b")]
    public void A_daemonset_name_that_is_no_dns_subdomain_is_named_as_the_problem(string name)
    {
        Assert.Equal("daemonset", DaemonSetTargetRules.Check(new DaemonSetTarget("monitoring", name))?.Label);
    }

    [Fact]
    public void Lengths_are_bounded_at_63_for_the_namespace_and_253_for_the_name()
    {
        Assert.True(DaemonSetTargetRules.IsDnsLabel(new string('a', 63)));
        Assert.False(DaemonSetTargetRules.IsDnsLabel(new string('a', 64)));
        Assert.True(DaemonSetTargetRules.IsDnsSubdomain(new string('a', 253)));
        Assert.False(DaemonSetTargetRules.IsDnsSubdomain(new string('a', 254)));
    }
}
