using System.CommandLine;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>remediate [--kubeconfig PATH]</c>: the Job entrypoint. Reads OPENFERO_* from the environment, remediates (or
/// only analyses, with <c>Runner__AnalyzeOnly=true</c> in the environment or <c>--Runner:AnalyzeOnly true</c>: the
/// built-in Operarii set it in their Job's env, which the playground's in-process Job pods read too), exits as the
/// Job contract says (<see cref="RemediationExits"/>: 0 when rolled out, declined, a dry run or analysed; 143 when
/// stopped by SIGTERM), and leaves its outcome in the termination message (<c>Runner__TerminationMessagePath</c>).
/// </summary>
public static class RemediateCommand
{
    public static Command Create()
    {
        var remediate = new Command("remediate", "The remediation Job's entrypoint: remediates the DaemonSet that OPENFERO_NAMESPACE and OPENFERO_DAEMONSET name (only analyses it with Runner__AnalyzeOnly=true).")
        {
            ConfigurationOption.Kubeconfig(),
            new VersionOption(),
        }.PassingSettingsThrough();
        remediate.SetAction(async (parsed, cancellationToken) =>
        {
            var builder = CreateHostBuilder(ConfigurationArguments.Of(parsed));
            builder.AddServerLogging(LoggingSetup.JobTextTemplate);
            try
            {
                return (int)(await RunAsync(builder, parsed.InvocationConfiguration.Error, cancellationToken)).Exit;
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
        // A Job's log is its steps: "Application started. Press Ctrl+C to shut down." says nothing to its reader.
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
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
    /// Runs the remediation on the host <paramref name="builder"/> makes and leaves its outcome in the termination
    /// message (<c>&lt;outcome&gt;: &lt;summary&gt;</c>), whatever it is. A missing OPENFERO_* or a bad setting is an
    /// <see cref="RemediationResult.Error"/> (exit 2); a non-zero exit is also one line on <paramref name="errors"/>. A stop
    /// (the token, or SIGTERM through the host's lifetime) throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<RemediationOutcome> RunAsync(HostApplicationBuilder builder, TextWriter errors, CancellationToken cancellationToken)
    {
        using var host = builder.Build();
        var outcome = await RemediateAsync(host, cancellationToken);
        var terminationMessagePath = host.Services.GetRequiredService<IConfiguration>()[$"{RemediationPolicy.Section}:{nameof(RemediationPolicy.TerminationMessagePath)}"]
            ?? RemediationPolicy.DefaultTerminationMessagePath;
        TerminationMessage.Write(terminationMessagePath, outcome.TerminationMessage, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TerminationMessage)));
        if (outcome.Exit != RemediationExit.Done)
        {
            await errors.WriteLineAsync(outcome.Summary);
        }

        return outcome;
    }

    private static async Task<RemediationOutcome> RemediateAsync(IHost host, CancellationToken cancellationToken)
    {
        var target = TargetVariables.Read(host.Services.GetRequiredService<IConfiguration>(), out var missing);
        if (target is null)
        {
            return RemediationOutcome.InvalidContext(missing!);
        }

        try
        {
            HostPreflight.Check(host.Services);
        }
        catch (Exception mistake) when (UserError.Describe(mistake) is { } line)
        {
            return RemediationOutcome.InvalidContext(line);
        }

        await host.StartAsync(cancellationToken);
        try
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            var policy = host.Services.GetRequiredService<IOptions<RemediationPolicy>>().Value;
            var analysis = host.Services.GetRequiredService<IOptions<AnalysisOptions>>().Value;
            var approvedPlan = host.Services.GetRequiredService<IConfiguration>()[PlanSignature.Variable];
            return await host.Services.GetRequiredService<RemediationRunner>().RunAsync(target, null, policy, analysis, run.Token, string.IsNullOrEmpty(approvedPlan) ? null : approvedPlan);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
