using k8s;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

/// <summary>A simulated cluster over real HTTP and a KubernetesClient pointed at it.</summary>
internal sealed class ClusterFixture : IAsyncDisposable
{
    private ClusterFixture(SimulatedCluster cluster)
    {
        Cluster = cluster;
        Client = new Kubernetes(cluster.ClientConfiguration());
    }

    public SimulatedCluster Cluster { get; }
    public Kubernetes Client { get; }

    public static async Task<ClusterFixture> StartAsync(string? scenario = null, bool controllers = true) =>
        new(await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario, RunControllers = controllers }, TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Cluster.DisposeAsync();
    }
}
