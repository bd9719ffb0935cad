using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>The repository's install manifests apply to the simulated cluster with kubectl's default validation.</summary>
public sealed class KubectlApplyRbacTests
{
    [Fact]
    public async Task Apply_of_the_rbac_folder_installs_every_object_and_the_cluster_role_is_found()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy", RunControllers = false }, TestContext.Current.CancellationToken);
        using var kubectl = new KubectlRunner(cluster);

        var (code, output, error) = await kubectl.RunAsync($"apply -f {Path.Combine(RepositoryRoot.Path, "rbac")}");
        var clusterRole = await kubectl.SucceedAsync("get clusterrole openfero-daemonset -o name");
        var again = await kubectl.RunAsync($"apply -f {Path.Combine(RepositoryRoot.Path, "rbac")}");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("unchanged", output, StringComparison.Ordinal);
        Assert.Equal("clusterrole.rbac.authorization.k8s.io/openfero-daemonset\n", clusterRole);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.All(again.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.EndsWith(" unchanged", line, StringComparison.Ordinal));
    }
}
