using System.CommandLine;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>analyze --namespace NS --daemonset NAME [--output text|json] [--kubeconfig PATH]</c>: a one-off report for a
/// person. Exit 0 with the report, 2 for bad arguments or settings, 3 when the DaemonSet does not exist, 4 when the
/// cluster cannot be reached or answers the read with an error.
/// </summary>
public static class AnalyzeCommand
{
    public const int NotFound = 3;
    public const int Unreachable = 4;

    public static Command Create()
    {
        var ns = new Option<string>("--namespace") { Required = true, HelpName = "NS", Description = "the DaemonSet's namespace" };
        var name = new Option<string>("--daemonset") { Required = true, HelpName = "NAME", Description = "the DaemonSet's name" };
        var format = new Option<string>("--output", "-o") { HelpName = "text|json", Description = "the report's format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var analyze = new Command("analyze", "Analyses one DaemonSet and prints the report.")
        {
            ns,
            name,
            format,
            ConfigurationOption.Kubeconfig(),
            new VersionOption(),
        }.PassingSettingsThrough();
        analyze.SetAction((parsed, cancellationToken) => RunAsync(
            new DaemonSetTarget(parsed.GetRequiredValue(ns), parsed.GetRequiredValue(name)), parsed.GetRequiredValue(format) == "json",
            ConfigurationArguments.Of(parsed), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, cancellationToken));
        return analyze;
    }

    private static async Task<int> RunAsync(DaemonSetTarget target, bool json, string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var builder = OneOffHost.CreateBuilder(new HostApplicationBuilderSettings { Args = args });
        // stdout holds the report; anything worth a warning goes to stderr.
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        using var host = builder.Build();
        HostPreflight.Check(host.Services);
        await host.StartAsync(cancellationToken);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        try
        {
            var snapshot = await host.Services.GetRequiredService<DaemonSetSnapshotReader>().ReadAsync(target, null, run.Token);
            if (snapshot is null)
            {
                await errors.WriteLineAsync($"daemonset {target} not found");
                return NotFound;
            }

            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var report = DaemonSetAnalyzer.Analyze(snapshot, host.Services.GetRequiredService<IOptions<AnalysisOptions>>().Value, now);
            await output.WriteAsync(json ? ReportRendering.ToJson(report) + "\n" : ReportRendering.ToText(report));
            return 0;
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            return OneOffHost.Stopped;
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error))
        {
            await errors.WriteLineAsync($"Kubernetes could not be reached or refused: {error.Message}");
            return Unreachable;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
