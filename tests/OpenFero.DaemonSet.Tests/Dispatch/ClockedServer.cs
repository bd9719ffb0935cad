using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Dispatch;

/// <summary>The real server on 127.0.0.1 against a <see cref="ServerHost"/>'s cluster, on a clock the test moves.</summary>
internal sealed class ClockedServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ClockedServer(WebApplication app, ShiftedClock clock, HttpClient client)
    {
        this.app = app;
        Clock = clock;
        Client = client;
    }

    public HttpClient Client { get; }
    public ShiftedClock Clock { get; }

    /// <summary>The server's own Job cache: what it believes exists.</summary>
    public JobWatcher Jobs => app.Services.GetRequiredService<JobWatcher>();

    public static async Task<ClockedServer> StartAsync(ServerHost host, params string[] settings)
    {
        var clock = new ShiftedClock();
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", host.Kubeconfig, "--Logging:Format", "text", "--Serilog:MinimumLevel:Default", "Warning" };
        args.AddRange(settings);
        var app = ServerApp.Build([.. args], builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ClockedServer(app, clock, await ServerHost.ReadyClientAsync(app));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
