using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Tests.Infrastructure;

/// <summary>
/// The real server on 127.0.0.1 against a simulated cluster that has the Operarius CRD and the built-in
/// Operarius installed through the API, as <c>kubectl apply -f operarius/</c> would.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("openfero-server-").FullName;
    private readonly List<WebApplication> servers = [];

    private ServerHost(SimulatedCluster cluster)
    {
        Cluster = cluster;
        Client = new k8s.Kubernetes(cluster.ClientConfiguration());
        Kubeconfig = Path.Combine(folder, "kubeconfig");
        cluster.WriteKubeconfig(Kubeconfig);
    }

    public SimulatedCluster Cluster { get; }
    public k8s.Kubernetes Client { get; }
    public string Kubeconfig { get; }

    public static async Task<ServerHost> StartClusterAsync(string scenario = "stuck-rollout")
    {
        var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario }, TestContext.Current.CancellationToken);
        var host = new ServerHost(cluster);
        await PlaygroundSystem.InstallOperariiAsync(cluster, TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>Starts one more server replica on the same cluster; returns an HttpClient pointed at it.</summary>
    public async Task<HttpClient> StartServerAsync(params string[] settings)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", Kubeconfig, "--Logging:Format", "text", "--Serilog:MinimumLevel:Default", "Warning" };
        args.AddRange(settings);
        var app = ServerApp.Build([.. args]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        servers.Add(app);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        for (var attempt = 0; attempt < 100 && !(await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken)).IsSuccessStatusCode; attempt++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return client;
    }

    public async Task<IList<V1Job>> JobsAsync() =>
        (await Client.BatchV1.ListNamespacedJobAsync("openfero", cancellationToken: TestContext.Current.CancellationToken)).Items;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in servers)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Client.Dispose();
        await Cluster.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
