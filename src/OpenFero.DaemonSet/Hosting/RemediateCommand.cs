using System.CommandLine;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>remediate [--kubeconfig PATH]</c>: the Job entrypoint. Reads OPENFERO_* from the environment, remediates,
/// exits 0 only when the DaemonSet rolled out or only a known false alarm was found (see <see cref="RemediationExit"/>
/// for the rest; 143 when stopped by SIGTERM), and leaves its outcome in the termination message
/// (<c>Runner__TerminationMessagePath</c>).
/// </summary>
public static class RemediateCommand
{
    public static Command Create()
    {
        var remediate = new Command("remediate", "The remediation Job's entrypoint: remediates the DaemonSet that OPENFERO_NAMESPACE and OPENFERO_DAEMONSET name.")
        {
            ConfigurationOption.Kubeconfig(),
            new VersionOption(),
        }.PassingSettingsThrough();
        remediate.SetAction(async (parsed, cancellationToken) =>
        {
            var builder = CreateHostBuilder(ConfigurationArguments.Of(parsed));
            builder.AddServerLogging();
            try
            {
                return (int)await RunAsync(builder, parsed.InvocationConfiguration.Error, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return OneOffHost.Stopped;
            }
        });
        return remediate;
    }

    /// <summary>The verb's host, configured as every host is: appsettings.json, the environment, the command line.</summary>
    public static HostApplicationBuilder CreateHostBuilder(string[] args)
    {
        var builder = OneOffHost.CreateBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.AddRemediationRunner();
        return builder;
    }

    /// <summary>
    /// The verb's host with <paramref name="environment"/> as its only configuration, read as the environment is
    /// (<c>Section__Key</c>): a Job pod's container run inside another process (the playground's simulated Job pods,
    /// tests). Its caller adds the log's providers and stops it with its token.
    /// </summary>
    public static HostApplicationBuilder CreateHostBuilder(IReadOnlyDictionary<string, string> environment)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)e.Value)));
        var builder = OneOffHost.CreateBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = configuration });
        builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
        builder.AddRemediationRunner();
        return builder;
    }

    /// <summary>
    /// Runs the remediation on the host <paramref name="builder"/> makes. A missing OPENFERO_* or a bad setting is one
    /// line on <paramref name="errors"/> and <see cref="RemediationExit.InvalidContext"/>; a stop (the token, or SIGTERM
    /// through the host's lifetime) throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<RemediationExit> RunAsync(HostApplicationBuilder builder, TextWriter errors, CancellationToken cancellationToken)
    {
        using var host = builder.Build();
        var target = TargetVariables.Read(host.Services.GetRequiredService<IConfiguration>(), out var missing);
        if (target is null)
        {
            await errors.WriteLineAsync(missing);
            return RemediationExit.InvalidContext;
        }

        try
        {
            HostPreflight.Check(host.Services);
        }
        catch (Exception mistake) when (UserError.Describe(mistake) is { } line)
        {
            await errors.WriteLineAsync(line);
            return RemediationExit.InvalidContext;
        }

        await host.StartAsync(cancellationToken);
        try
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            var policy = host.Services.GetRequiredService<IOptions<RemediationPolicy>>().Value;
            var outcome = await RemediateAsync(host.Services, target, policy, errors, run.Token);
            TerminationMessage.Write(policy.TerminationMessagePath, outcome.Summary, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TerminationMessage)));
            return outcome.Exit;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<RemediationOutcome> RemediateAsync(IServiceProvider services, DaemonSetTarget target, RemediationPolicy policy, TextWriter errors, CancellationToken cancellationToken)
    {
        RemediationOutcome outcome;
        try
        {
            var analysis = services.GetRequiredService<IOptions<AnalysisOptions>>().Value;
            outcome = await services.GetRequiredService<RemediationRunner>().RunAsync(target, null, policy, analysis, cancellationToken);
            if (outcome.Exit == RemediationExit.NotFound)
            {
                await errors.WriteLineAsync(outcome.Summary);
            }
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && KubernetesFailures.IsFailure(failure))
        {
            outcome = new(RemediationExit.NotFixed, $"Kubernetes could not be reached or refused: {failure.Message}");
            await errors.WriteLineAsync(outcome.Summary);
        }

        return outcome;
    }
}
