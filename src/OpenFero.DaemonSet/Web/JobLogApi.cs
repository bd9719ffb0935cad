using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Web;

/// <summary>
/// <c>GET /api/remediations/{job}/log</c>: the log of a remediation Job's pod (its newest), as <c>kubectl logs job/NAME</c>
/// shows it: the analysis, the plan, each step and the outcome. Only Jobs this server manages; at most
/// <see cref="MaxBytes"/>.
/// </summary>
public static partial class JobLogApi
{
    public const int MaxBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapJobLog(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/remediations/{job}/log", GetAsync)
            .WithName("GetRemediationLog")
            .WithSummary("The log of a remediation Job's pod, as text")
            .Produces<string>(200, "text/plain")
            .ProducesProblem(400)
            .ProducesProblem(404)
            .ProducesProblem(503);
        return routes;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string job, IKubernetes client, IOptions<RemediationJobOptions> options, CancellationToken cancellationToken)
    {
        if (job.Length > 63 || !JobName().IsMatch(job))
        {
            return TypedResults.Problem("job must be a Job's name: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit", statusCode: 400, title: "Invalid job");
        }

        var ns = options.Value.OperariusNamespace;
        try
        {
            var found = await ReadOrNull.ReadAsync(() => client.BatchV1.ReadNamespacedJobAsync(job, ns, cancellationToken: cancellationToken));
            if (found?.Metadata.Labels?.TryGetValue(JobLabels.ManagedBy, out var manager) != true || manager != JobLabels.ManagedByValue)
            {
                return TypedResults.Problem($"no remediation job {job} in namespace {ns}", statusCode: 404, title: "Job not found");
            }

            if (await NewestPodAsync(client, found, cancellationToken) is not { } pod)
            {
                return TypedResults.Problem($"job {job} has no pod yet", statusCode: 404, title: "No pod yet");
            }

            await using var log = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, ns, limitBytes: MaxBytes, cancellationToken: cancellationToken);
            using var reader = new StreamReader(log);
            return TypedResults.Text(await reader.ReadToEndAsync(cancellationToken), "text/plain; charset=utf-8");
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error) && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem($"Kubernetes could not be reached or refused: {error.Message}", statusCode: 503, title: "Kubernetes unavailable");
        }
    }

    /// <summary>The Job's newest pod, found by the labels the Job controller puts on its pods (as <see cref="JobOutcomeReader"/> finds them).</summary>
    private static async Task<V1Pod?> NewestPodAsync(IKubernetes client, V1Job job, CancellationToken cancellationToken)
    {
        foreach (var label in new[] { JobOutcomeReader.JobNameLabel, JobOutcomeReader.LegacyJobNameLabel })
        {
            var pods = await client.CoreV1.ListNamespacedPodAsync(job.Metadata.NamespaceProperty, labelSelector: $"{label}={job.Metadata.Name}", cancellationToken: cancellationToken);
            var own = pods.Items.Where(p => p.Metadata.OwnerReferences is not { Count: > 0 } owners || owners.Any(o => o.Uid == job.Metadata.Uid)).ToList();
            if (own.Count > 0)
            {
                return own.MaxBy(p => p.Metadata.CreationTimestamp);
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex JobName();
}
