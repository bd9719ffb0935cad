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
        // Taken before the run: a host whose start failed is disposed by RunAsync, its lifetime with it.
        var stopping = app.Lifetime.ApplicationStopping;
        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // SIGTERM before the server listened: Kestrel's bind was cancelled. A stop like any other.
        }

        return 0;
    }
}
