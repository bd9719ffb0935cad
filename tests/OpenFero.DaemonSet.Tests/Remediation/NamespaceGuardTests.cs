using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>A namespace the runner may not act in is declined (exit 0) before any request reaches the cluster.</summary>
public sealed class NamespaceGuardTests
{
    [Fact]
    public async Task Kube_system_is_declined_unless_listed_and_makes_no_request()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("broken-revision");
        cluster.Requests.Reset();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, "kube-system", "calico-node");

        Assert.Equal((RemediationResult.Declined, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Equal(0, cluster.Requests.Total);
    }

    [Fact]
    public async Task A_namespace_outside_the_allow_list_is_declined_without_a_request()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("stuck-rollout");
        cluster.Requests.Reset();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, "monitoring", "node-exporter", ("Runner__AllowNamespaces", "logging"));

        Assert.Equal((RemediationResult.Declined, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Equal(0, cluster.Requests.Total);
    }
}
