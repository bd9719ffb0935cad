using System.Collections;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;
using Serilog;
using Serilog.Formatting.Compact;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>remediate [--kubeconfig PATH]</c>: the Job entrypoint. Reads OPENFERO_* from the environment, remediates,
/// exits 0 only when the DaemonSet rolled out or only a known false alarm was found (see <see cref="RemediationExit"/>
/// for the rest), and leaves its outcome in the termination message (<c>Runner__TerminationMessagePath</c>).
/// </summary>
public static class RemediateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        var kubeconfig = args.Length == 2 && args[0] == "--kubeconfig" ? args[1] : null;
        using var loggers = LoggerFactory.Create(b => b.AddSerilog(new LoggerConfiguration().WriteTo.Console(new CompactJsonFormatter()).CreateLogger(), dispose: true));
        return (int)await RunAsync(environment, KubernetesRegistration.ClientConfiguration(kubeconfig), loggers, Console.Error, CancellationToken.None);
    }

    /// <summary>The verb's work, also what the playground's simulated Job pods run in-process.</summary>
    public static async Task<RemediationExit> RunAsync(IReadOnlyDictionary<string, string> environment, k8s.KubernetesClientConfiguration configuration,
        ILoggerFactory loggers, TextWriter errors, CancellationToken cancellationToken)
    {
        var context = RemediationContext.FromEnvironment(environment, out var error);
        if (context is null)
        {
            await errors.WriteLineAsync(error);
            return RemediationExit.InvalidContext;
        }

        var runner = RemediationRunnerFactory.Create(configuration, TimeProvider.System, loggers, out var client);
        var logger = loggers.CreateLogger(typeof(TerminationMessage));
        using (client)
        {
            RemediationOutcome outcome;
            try
            {
                outcome = await runner.RunAsync(context.Target, null, context.Policy, new AnalysisOptions(), cancellationToken);
                if (outcome.Exit == RemediationExit.NotFound)
                {
                    await errors.WriteLineAsync(outcome.Summary);
                }
            }
            catch (Exception failure) when (KubernetesFailures.IsUnavailable(failure) || failure is k8s.Autorest.HttpOperationException)
            {
                outcome = new(RemediationExit.NotFixed, $"Kubernetes could not be reached or refused: {failure.Message}");
                await errors.WriteLineAsync(outcome.Summary);
            }

            TerminationMessage.Write(context.Policy.TerminationMessagePath, outcome.Summary, logger);
            return outcome.Exit;
        }
    }
}
