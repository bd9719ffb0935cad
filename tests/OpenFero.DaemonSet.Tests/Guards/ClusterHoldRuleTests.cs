using OpenFero.DaemonSet.Alertmanager;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Tests.Analysis;
using OpenFero.DaemonSet.Tests.Remediation;

namespace OpenFero.DaemonSet.Tests.Guards;

/// <summary>Which firing alerts hold a remediation: the hold list's names, about the DaemonSet's nodes, its namespace or the whole cluster.</summary>
public sealed class ClusterHoldRuleTests
{
    private static readonly DaemonSetReport Report = Reports.Of(Reports.Stalled, VerdictCause.OldPodsCannotRun) with
    {
        Pods = [Pod("agent-a", "node-1"), Pod("agent-b", "node-2")],
        NotScheduled = [new UnscheduledNode("node-3", UnscheduledReason.NoPodCreated, "no daemon pod", null)],
    };

    [Theory]
    [InlineData("node", "node-1", true)]
    [InlineData("node", "node-3", true)]
    [InlineData("node", "node-9", false)]
    [InlineData("instance", "node-2:9100", true)]
    [InlineData("instance", "10.0.0.9:9100", false)]
    public void A_node_alert_holds_only_for_a_node_of_the_daemonset(string label, string value, bool holds)
    {
        var alert = Alert("KubeNodeNotReady", (label, value), ("namespace", "monitoring"));

        Assert.Equal(holds, ClusterHoldRule.Holding([alert], AlertmanagerOptions.DefaultHoldAlerts, Report).Count == 1);
    }

    [Fact]
    public void A_namespaced_alert_holds_in_its_namespace_and_a_cluster_wide_one_everywhere()
    {
        var here = Alert("KubeAPIErrorBudgetBurn", ("namespace", "default"));
        var elsewhere = Alert("KubeAPIErrorBudgetBurn", ("namespace", "logging"));
        var clusterWide = Alert("KubeletDown", ("job", "kubelet"));

        var holding = ClusterHoldRule.Holding([here, elsewhere, clusterWide], AlertmanagerOptions.DefaultHoldAlerts, Report);

        Assert.Equal([here, clusterWide], holding);
        Assert.Equal("KubeAPIErrorBudgetBurn (namespace default), KubeletDown", ClusterHoldRule.Describe(holding));
    }

    [Fact]
    public void Alerts_off_the_hold_list_never_hold()
    {
        var other = Alert("KubePodCrashLooping", ("node", "node-1"));

        Assert.Empty(ClusterHoldRule.Holding([other], AlertmanagerOptions.DefaultHoldAlerts, Report));
        Assert.Single(ClusterHoldRule.Holding([other], ["KubePodCrashLooping"], Report));
    }

    private static FiringAlert Alert(string name, params (string Key, string Value)[] labels) =>
        new(labels.Append(("alertname", name)).ToDictionary(l => l.Item1, l => l.Item2), Snapshots.Now);

    private static PodReport Pod(string name, string node) =>
        new(name, $"uid-{name}", node, "Running", true, 0, PodCondition.Healthy, null, true, TimeSpan.FromMinutes(5), null, null);
}
