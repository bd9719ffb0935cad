using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary><c>GET /api/daemonsets/{namespace}/{name}/analysis[?format=text]</c>: the report, read fresh from the cluster.</summary>
public static class DaemonSetAnalysisApi
{
    public static IEndpointRouteBuilder MapDaemonSetAnalysis(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/daemonsets/{namespace}/{name}/analysis", GetAsync)
            .WithName("AnalyzeDaemonSet")
            .WithSummary("Analyse a DaemonSet: status, rollout, pods, misscheduled, not scheduled, health and a verdict");
        return routes;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string @namespace, string name, string? format, DaemonSetSnapshotReader reader, IOptions<AnalysisOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "text"))
        {
            return TypedResults.Problem("format must be json or text", statusCode: 400);
        }

        DaemonSetSnapshot? snapshot;
        try
        {
            snapshot = await reader.ReadAsync(new DaemonSetTarget(@namespace, name), null, cancellationToken);
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error))
        {
            return TypedResults.Problem($"Kubernetes could not be reached or refused: {error.Message}", statusCode: 503, title: "Kubernetes unavailable");
        }

        if (snapshot is null)
        {
            return TypedResults.Problem($"daemonset {@namespace}/{name} not found", statusCode: 404, title: "DaemonSet not found");
        }

        var report = DaemonSetAnalyzer.Analyze(snapshot, options.Value, time.GetUtcNow());
        return format == "text"
            ? TypedResults.Text(ReportRendering.ToText(report), "text/plain; charset=utf-8")
            : TypedResults.Text(ReportRendering.ToJson(report), "application/json");
    }
}
