using System.CommandLine;

namespace OpenFero.DaemonSet.Hosting;

/// <summary><c>serve [--urls URL] [--kubeconfig PATH] [--Section:Key value]...</c>: the webhook server until stopped.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var serve = new Command("serve", "The Alertmanager webhook server, until stopped (SIGTERM or Ctrl+C: exit 0).")
        {
            ConfigurationOption.Urls(),
            ConfigurationOption.Kubeconfig(),
            new VersionOption(),
        }.PassingSettingsThrough();
        serve.SetAction((parsed, _) => RunAsync(ConfigurationArguments.Of(parsed)));
        return serve;
    }

    /// <summary>Runs the server with <paramref name="args"/> as its command-line configuration (<c>--Section:Key value</c>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = ServerApp.Build(args);
        HostPreflight.Check(app.Services);
        OpenFeroFlags.LogIgnored(app.Configuration, app.Logger);
        // Whether a cancelled start was a stop (SIGTERM) or a failure.
        var stopping = app.Lifetime.ApplicationStopping;
        try
        {
            await StartAsync(app);
            await app.WaitForShutdownAsync();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // SIGTERM before the server listened: Kestrel's bind was cancelled. A stop like any other.
        }

        return 0;
    }

    /// <summary>
    /// Starts the host; when the start fails (a port in use), stops what did start first, so its background services
    /// end as stopped, not as failures logged beside the one line that says what is wrong.
    /// </summary>
    public static async Task StartAsync(IHost host, CancellationToken cancellationToken = default)
    {
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            await host.StopAsync(CancellationToken.None);
            throw;
        }
    }
}
