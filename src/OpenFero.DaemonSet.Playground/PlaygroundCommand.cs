using System.CommandLine;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Simulation.Scenarios;

namespace OpenFero.DaemonSet.Playground;

/// <summary>
/// <c>[--scenario NAME] [--kubeconfig PATH] [--urls URL] [--Section:Key value]...</c>: the playground until Ctrl+C or
/// SIGTERM (exit 0). It prints what to do next, with the kubeconfig and the alert it wrote and where the runner may act.
/// </summary>
public static class PlaygroundCommand
{
    public const string DefaultScenario = "stuck-rollout";

    /// <summary>Where the playground writes its kubeconfig unless told otherwise; the alert goes beside it.</summary>
    public static readonly string DefaultKubeconfig = Path.Combine(Path.GetTempPath(), "openfero-playground", "kubeconfig");

    public static RootCommand Create()
    {
        var scenario = new Option<string>("--scenario") { HelpName = "NAME", Description = $"the simulated cluster's scenario: {string.Join(", ", ScenarioCatalog.Names)}", DefaultValueFactory = _ => DefaultScenario };
        var kubeconfig = new Option<FileInfo>("--kubeconfig") { HelpName = "PATH", Description = $"where to write the simulated cluster's kubeconfig (the alert to post goes beside it); default {DefaultKubeconfig}", DefaultValueFactory = _ => new FileInfo(DefaultKubeconfig) };
        var root = new RootCommand("The OpenFero.DaemonSet playground: a simulated cluster with a stuck DaemonSet, and the server against it.")
        {
            scenario,
            kubeconfig,
            ConfigurationOption.Urls(),
        }.PassingSettingsThrough();
        root.SetAction((parsed, _) => RunAsync(parsed.GetRequiredValue(scenario), parsed.GetRequiredValue(kubeconfig).FullName, ConfigurationArguments.Of(parsed), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return root;
    }

    private static async Task<int> RunAsync(string scenario, string kubeconfig, string[] serverArgs, TextWriter output, TextWriter errors)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        PlaygroundSystem playground;
        try
        {
            playground = await PlaygroundSystem.StartAsync(scenario, kubeconfig, [.. serverArgs, "--Logging:Format", "text"], stop.Token);
        }
        catch (ScenarioNotFoundException unknown)
        {
            await errors.WriteLineAsync(unknown.Message);
            return CommandLineInvocation.UsageError;
        }

        await using (playground)
        {
            playground.Server.Lifetime.ApplicationStopping.Register(stop.Cancel);
            playground.Cluster.Stopping.Register(stop.Cancel);
            var alert = PlaygroundAlert.Write(Path.Combine(Path.GetDirectoryName(kubeconfig)!, $"{scenario}-alert.json"), playground.DaemonSet, playground.Cluster.Time.GetUtcNow());
            await output.WriteLineAsync(Banner.Text(scenario, playground, alert));
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("Stopping the playground.");
            }
        }

        return 0;
    }
}
