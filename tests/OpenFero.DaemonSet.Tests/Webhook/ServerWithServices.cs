using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Webhook;

/// <summary>
/// The real server on 127.0.0.1 against a <see cref="ServerHost"/>'s cluster, with the log captured and a hook
/// to decorate its services; logs at Debug so every level can be asserted.
/// </summary>
internal sealed class ServerWithServices : IAsyncDisposable
{
    private readonly WebApplication app;

    private ServerWithServices(WebApplication app, CapturedLogs logs, HttpClient client)
    {
        this.app = app;
        Logs = logs;
        Client = client;
    }

    public HttpClient Client { get; }
    public CapturedLogs Logs { get; }
    public Uri Address => Client.BaseAddress!;

    public static async Task<ServerWithServices> StartAsync(ServerHost host, string[] settings, Action<IServiceCollection>? services = null)
    {
        var logs = new CapturedLogs();
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", host.Kubeconfig, "--Logging:Format", "text", "--Serilog:MinimumLevel:Default", "Debug" };
        args.AddRange(settings);
        var app = ServerApp.Build([.. args], builder =>
        {
            builder.Services.AddSingleton<Serilog.Core.ILogEventSink>(logs);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ServerWithServices(app, logs, await ServerHost.ReadyClientAsync(app));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
