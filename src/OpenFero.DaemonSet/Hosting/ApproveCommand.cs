using System.CommandLine;
using k8s.Models;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>approve NAME [--namespace NS] [--kubeconfig PATH]</c>: approves a remediation Job that waits for approval, as
/// <c>kubectl patch job NAME --type merge -p '{"spec":{"suspend":false}}'</c> does, after checking that it is one:
/// a Job of this program, suspended with a plan, not expired (<see cref="JobApproval"/>, which the web page's Approve
/// button uses too). Exit 0 when approved, 2 for bad arguments or settings, 3
/// when there is no such Job, 4 when the cluster cannot be reached, 5 when the Job does not wait for approval, 6 when
/// its approval expired.
/// </summary>
public static class ApproveCommand
{
    public const int NotFound = 3;
    public const int Unreachable = 4;
    public const int NotWaiting = 5;
    public const int Expired = 6;

    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "the remediation Job that waits for approval" };
        var approve = new Command("approve", "Approves a remediation Job that waits for approval: it runs the plan shown on it.")
        {
            name,
            new ConfigurationOption("--namespace", $"{RemediationJobOptions.Section}:{nameof(RemediationJobOptions.OperariusNamespace)}", "NS", "the namespace of the remediation Jobs", "-n"),
            ConfigurationOption.Kubeconfig(),
            new VersionOption(),
        }.PassingSettingsThrough();
        approve.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetRequiredValue(name), ConfigurationArguments.Of(parsed),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, cancellationToken));
        return approve;
    }

    private static async Task<int> RunAsync(string name, string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var builder = OneOffHost.CreateBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        using var host = builder.Build();
        HostPreflight.Check(host.Services);
        var approval = ActivatorUtilities.CreateInstance<JobApproval>(host.Services);
        try
        {
            var answer = await approval.ApproveAsync(name, cancellationToken);
            switch (answer)
            {
                case ApprovalAnswer.Approved approved:
                    await output.WriteLineAsync($"job.batch/{name} approved: {ApprovalRequests.Plan(approved.Job)}");
                    return 0;
                case ApprovalAnswer.Refused refused:
                    await errors.WriteLineAsync(refused.Message);
                    return Exit(refused.Kind);
                default:
                    throw new InvalidOperationException($"unexpected approval answer {answer}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return OneOffHost.Stopped;
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error))
        {
            await errors.WriteLineAsync($"Kubernetes could not be reached or refused: {UserError.OneLine(error.Message)}");
            return Unreachable;
        }
    }

    /// <summary>Why <paramref name="job"/> cannot be approved, with the exit that says so; null when it can.</summary>
    public static (string Message, int Exit)? Refusal(V1Job? job, string name, string ns, DateTimeOffset now, TimeSpan timeout) =>
        JobApproval.Refusal(job, name, ns, now, timeout) is { } refused ? (refused.Message, Exit(refused.Kind)) : null;

    private static int Exit(ApprovalRefusalKind kind) => kind switch
    {
        ApprovalRefusalKind.NotFound => NotFound,
        ApprovalRefusalKind.Expired => Expired,
        _ => NotWaiting,
    };
}
