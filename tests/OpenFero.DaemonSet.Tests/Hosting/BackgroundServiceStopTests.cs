using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// Every background service of the server ends normally when it is told to stop, however the stop reaches it
/// (the host's StopAsync, or a host disposed without one): a loop that lets its cancellation escape makes the host
/// log "BackgroundService failed" at Fatal, and log-based alerting would page on every rolling update.
/// </summary>
public sealed class BackgroundServiceStopTests
{
    [Fact]
    public async Task Every_background_service_of_the_server_ends_normally_when_its_stop_token_fires()
    {
        await using var cluster = await ServerHost.StartClusterAsync();
        await using var app = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", cluster.Kubeconfig, "--Serilog:MinimumLevel:Default", "Warning"]);
        var services = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        Assert.NotEmpty(services);
        foreach (var service in services)
        {
            await service.StartAsync(TestContext.Current.CancellationToken);
        }

        // The list+watch loops are inside their watches, the periodic ones inside their waits.
        await Eventually.HoldsAsync(() => cluster.Cluster.Requests.Count("watch", "jobs") > 0 && cluster.Cluster.Requests.Count("watch", "operariuses") > 0,
            "the Job and Operarius watches to be open");

        foreach (var service in services)
        {
            // What a host disposed without StopAsync does: the stop token fires, nobody awaits the loop.
            service.Dispose();
        }

        foreach (var service in services)
        {
            var waited = await Record.ExceptionAsync(() => service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
            Assert.False(waited is TimeoutException, $"{service.GetType().Name} still runs 10 s after its stop");
            Assert.True(service.ExecuteTask!.IsCompletedSuccessfully,
                $"{service.GetType().Name} ended {service.ExecuteTask.Status}: {service.ExecuteTask.Exception?.GetBaseException().Message ?? "cancelled"}");
        }
    }
}
