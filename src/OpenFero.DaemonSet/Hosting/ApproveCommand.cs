using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>approve NAME [--namespace NS] [--kubeconfig PATH]</c>: approves a remediation Job that waits for approval, as
/// <c>kubectl patch job NAME --type merge -p '{"spec":{"suspend":false}}'</c> does, after checking that it is one:
/// a Job of this program, suspended with a plan, not expired. The patch is conditioned on the resourceVersion read, so
/// an expiry written meanwhile is seen, never overridden. Exit 0 when approved, 2 for bad arguments or settings, 3
/// when there is no such Job, 4 when the cluster cannot be reached, 5 when the Job does not wait for approval, 6 when
/// its approval expired.
/// </summary>
public static class ApproveCommand
{
    public const int NotFound = 3;
    public const int Unreachable = 4;
    public const int NotWaiting = 5;
    public const int Expired = 6;

    private const int Attempts = 3;

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
        var client = host.Services.GetRequiredService<IKubernetes>();
        var ns = host.Services.GetRequiredService<IOptions<RemediationJobOptions>>().Value.OperariusNamespace;
        var timeout = host.Services.GetRequiredService<IOptions<ApprovalOptions>>().Value.ApprovalTimeout;
        var time = host.Services.GetRequiredService<TimeProvider>();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var job = await ReadOrNull.ReadAsync(() => client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken));
                if (Refusal(job, name, ns, time.GetUtcNow(), timeout) is { } refused)
                {
                    await errors.WriteLineAsync(refused.Message);
                    return refused.Exit;
                }

                try
                {
                    await client.BatchV1.PatchNamespacedJobAsync(Unsuspend(job!), name, ns, cancellationToken: cancellationToken);
                    await output.WriteLineAsync($"job.batch/{name} approved: {ApprovalRequests.Plan(job!)}");
                    return 0;
                }
                catch (HttpOperationException changed) when (changed.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
                {
                    // Changed since it was read (the server's follow-ups, an expiry): judge it again as it is now.
                }
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
    public static (string Message, int Exit)? Refusal(V1Job? job, string name, string ns, DateTimeOffset now, TimeSpan timeout)
    {
        if (job is null)
        {
            return ($"job {ns}/{name} not found", NotFound);
        }

        if (job.Metadata.Labels?.TryGetValue(JobLabels.ManagedBy, out var managedBy) != true || managedBy != JobLabels.ManagedByValue)
        {
            return ($"job {ns}/{name} is not a remediation Job of openfero-daemonset (no label {JobLabels.ManagedSelector})", NotWaiting);
        }

        return ApprovalRequests.StateOf(job, now, timeout) switch
        {
            ApprovalState.Waiting => null,
            ApprovalState.Expired => ($"job {ns}/{name} waited longer than Remediation:ApprovalTimeout ({HumanDuration.Format(timeout)}): its approval expired and it is being deleted", Expired),
            _ when job.Spec?.Suspend != true => ($"job {ns}/{name} is not waiting for approval: it is not suspended (approved already, or never asked)", NotWaiting),
            _ => ($"job {ns}/{name} is not waiting for approval: it carries no plan (annotation {ApprovalRequests.PlanAnnotation})", NotWaiting),
        };
    }

    private static V1Patch Unsuspend(V1Job job) => new(new JsonObject
    {
        ["metadata"] = new JsonObject { ["resourceVersion"] = job.Metadata.ResourceVersion },
        ["spec"] = new JsonObject { ["suspend"] = false },
    }.ToJsonString(), V1Patch.PatchType.MergePatch);
}
