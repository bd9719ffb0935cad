using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>kubectl rollout undo makes the earlier template the newest revision, as the DaemonSet controller numbers it.</summary>
public sealed class KubectlRolloutUndoTests
{
    [Fact]
    public async Task Rollout_undo_renumbers_the_earlier_revision_as_the_newest_and_history_lists_it_last()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, TestContext.Current.CancellationToken);
        using var kubectl = new KubectlRunner(cluster);
        await Eventually.ReachesAsync(() => kubectl.SucceedAsync("get controllerrevisions -n monitoring -o jsonpath={.items[*].revision}"),
            revisions => revisions.Split(' ').Order(StringComparer.Ordinal).SequenceEqual(["1", "2"]), "the DaemonSet's two revisions");
        var first = await kubectl.SucceedAsync("get controllerrevisions -n monitoring -o jsonpath={.items[?(@.revision==1)].metadata.name}");

        await kubectl.SucceedAsync("rollout undo daemonset/node-exporter -n monitoring");
        var renumbered = await Eventually.ReachesAsync(() => kubectl.SucceedAsync($"get controllerrevision {first} -n monitoring -o jsonpath={{.revision}}"),
            revision => revision == "3", $"{first} to become revision 3");
        var history = (await kubectl.SucceedAsync("rollout history daemonset/node-exporter -n monitoring")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var generation = await kubectl.SucceedAsync("get ds node-exporter -n monitoring -o jsonpath={.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}");

        Assert.Equal("3", renumbered);
        Assert.Equal(["2", "3"], history.Skip(2).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
        Assert.Equal("3", generation);
    }
}
