using System.CommandLine;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Simulation.Scenarios;

namespace OpenFero.DaemonSet.Playground;

/// <summary>
/// <c>[--scenario NAME] [--urls URL] [--Section:Key value]...</c>: the playground until Ctrl+C or SIGTERM (exit 0).
/// It prints what to do next, with the kubeconfig it wrote and where the runner may act.
/// </summary>
public static class PlaygroundCommand
{
    public const string DefaultScenario = "stuck-rollout";

    public static RootCommand Create()
    {
        var scenario = new Option<string>("--scenario") { HelpName = "NAME", Description = $"the simulated cluster's scenario: {string.Join(", ", ScenarioCatalog.Names)}", DefaultValueFactory = _ => DefaultScenario };
        var root = new RootCommand("The OpenFero.DaemonSet playground: a simulated cluster with a stuck DaemonSet, and the server against it.")
        {
            scenario,
            ConfigurationOption.Urls(),
        }.PassingSettingsThrough();
        root.SetAction((parsed, _) => RunAsync(parsed.GetRequiredValue(scenario), ConfigurationArguments.Of(parsed), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return root;
    }

    private static async Task<int> RunAsync(string scenario, string[] serverArgs, TextWriter output, TextWriter errors)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), "openfero-playground", "kubeconfig");
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
            await output.WriteLineAsync(Banner.Text(scenario, playground));
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
