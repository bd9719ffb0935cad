using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenFero.DaemonSet.Simulation.Api;
using OpenFero.DaemonSet.Simulation.Api.Strategies;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Simulation.Metrics;
using OpenFero.DaemonSet.Simulation.Scenarios;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Hosting;

/// <summary>
/// A running simulated cluster: the API server on 127.0.0.1, its store, the controllers that act like the
/// real ones, fault injection and request counts. Dispose to stop it.
/// </summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ClusterControllers? controllers;

    private SimulatedCluster(WebApplication app, ClusterStore store, ResourceRegistry registry, FaultInjector faults,
        RequestCounter requests, JobHandlerRegistry jobHandlers, ClusterControllers? controllers, Uri baseAddress)
    {
        this.app = app;
        this.controllers = controllers;
        Store = store;
        Registry = registry;
        Faults = faults;
        Requests = requests;
        JobHandlers = jobHandlers;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public ClusterStore Store { get; }
    public ResourceRegistry Registry { get; }
    public FaultInjector Faults { get; }
    public RequestCounter Requests { get; }
    public JobHandlerRegistry JobHandlers { get; }
    public TimeProvider Time => Store.Time;

    /// <summary>The running controllers and their health; null when started without them.</summary>
    public ClusterControllers? Controllers => controllers;

    /// <summary>Fires when the host is asked to stop (SIGTERM, Ctrl+C): a process serving the cluster should then exit.</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    public static async Task<SimulatedCluster> StartAsync(SimulatedClusterOptions options, CancellationToken cancellationToken)
    {
        var store = new ClusterStore(options.Time, options.HistoryCapacity, options.NameSeed).WithApiServerStrategies();
        var registry = new ResourceRegistry(store, options.MetricsApi);
        var scenario = options.Scenario is null ? Scenario.Empty : ScenarioCatalog.Load(options.Scenario);
        scenario.ApplyTo(store);

        var faults = new FaultInjector();
        if (options.FaultSeed is { } seed)
        {
            faults.Seed(seed);
        }

        var requests = new RequestCounter();
        var usage = new ResourceMetrics(store, scenario);
        var api = new ApiServer(store, registry) { ResourceMetrics = options.MetricsApi ? usage : null };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options.Logging)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        }

        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.UseMiddleware<FaultMiddleware>(registry, requests, faults, options.Time);
        app.MapSimulationControl(faults, requests);
        ClusterControllers? controllers = null;
        app.MapSimulationHealth(() => controllers);
        app.MapGet("/metrics", () => Microsoft.AspNetCore.Http.Results.Text(ClusterMetrics.Render(store, usage), "text/plain; version=0.0.4; charset=utf-8"));
        app.Map("/{**path}", api.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));

        var jobHandlers = new JobHandlerRegistry { ApiServer = baseAddress };
        if (options.RunControllers)
        {
            controllers = new ClusterControllers(store, options.Time, scenario, jobHandlers,
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ClusterControllers>(), options.ControllerStallBound);
            api.PodLogs = (_, pod) => controllers.JobLogs.GetValueOrDefault(pod);
            if (!options.StepControllers)
            {
                controllers.Start();
            }
        }

        return new SimulatedCluster(app, store, registry, faults, requests, jobHandlers, controllers, baseAddress);
    }

    /// <summary>A client configuration for the KubernetesClient library pointed at this cluster.</summary>
    public KubernetesClientConfiguration ClientConfiguration() => new() { Host = BaseAddress.ToString(), AccessToken = "simulation" };

    public void WriteKubeconfig(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, Kubeconfig.Render(BaseAddress));
    }

    public async ValueTask DisposeAsync()
    {
        if (controllers is not null)
        {
            await controllers.DisposeAsync();
        }

        // Open watches end when the server stops; a request still running after a moment is cut, as a stopping API server cuts it.
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(bounded.Token);
        await app.DisposeAsync();
    }
}
