using Microsoft.AspNetCore.Builder;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.FollowUps;

/// <summary>A server replica on the host's cluster that a test stops on its own, to start another one later.</summary>
internal sealed class ServerReplica : IAsyncDisposable
{
    private readonly WebApplication app;

    private ServerReplica(WebApplication app) => this.app = app;

    public static async Task<ServerReplica> StartAsync(ServerHost host, params string[] settings)
    {
        var app = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", host.Kubeconfig, "--Logging:Format", "text",
            "--Serilog:MinimumLevel:Default", "Warning", .. settings]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = await ServerHost.ReadyClientAsync(app);
        return new ServerReplica(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
