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
        return await ReadyClientAsync(app);
    }

    /// <summary>
    /// A client for a started server, at the address it bound (it was given port 0, so the port is read back, never
    /// guessed), once its readiness probe answers 200.
    /// </summary>
    public static async Task<HttpClient> ReadyClientAsync(WebApplication app)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        await Eventually.ReachesAsync(() => client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken),
            answer => answer.IsSuccessStatusCode, $"the server at {client.BaseAddress} to be ready", describe: answer => $"{(int)answer.StatusCode} {answer.StatusCode}");
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
