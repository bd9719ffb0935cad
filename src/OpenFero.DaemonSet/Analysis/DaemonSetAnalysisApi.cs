using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
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
            .WithSummary("Analyse a DaemonSet: status, rollout, pods, misscheduled, not scheduled, health and a verdict")
            .Produces<DaemonSetReport>(200, "application/json")
            .ProducesProblem(400)
            .ProducesProblem(404)
            .ProducesProblem(503)
            .AddOpenApiOperationTransformer(DescribeTextAsync);
        return routes;
    }

    /// <summary>The same 200 as text for a terminal (<c>?format=text</c>), and the two formats the query accepts.</summary>
    private static Task DescribeTextAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Description = "The report: JSON, or with ?format=text the same report as aligned text tables";
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        if (operation.Parameters?.FirstOrDefault(p => p.Name == "format") is OpenApiParameter format)
        {
            format.Description = "json (the default) or text";
            format.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["json", "text"] };
        }

        return Task.CompletedTask;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string @namespace, string name, string? format, DaemonSetSnapshotReader reader, IOptions<AnalysisOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "text"))
        {
            return TypedResults.Problem("format must be json or text", statusCode: 400);
        }

        var (snapshot, problem) = await ReadAsync(reader, @namespace, name, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var report = DaemonSetAnalyzer.Analyze(snapshot, options.Value, time.GetUtcNow());
        return format == "text"
            ? TypedResults.Text(ReportRendering.ToText(report), "text/plain; charset=utf-8")
            : TypedResults.Text(ReportRendering.ToJson(report), "application/json");
    }

    /// <summary>
    /// The DaemonSet's snapshot for an API answer, or the problem to answer instead: 503 when Kubernetes fails, 404
    /// when the DaemonSet is not there. Shared by the endpoints that analyse one DaemonSet.
    /// </summary>
    public static async Task<(DaemonSetSnapshot? Snapshot, ProblemHttpResult? Problem)> ReadAsync(
        DaemonSetSnapshotReader reader, string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(new DaemonSetTarget(@namespace, name), null, cancellationToken) is { } snapshot
                ? (snapshot, null)
                : (null, TypedResults.Problem($"daemonset {@namespace}/{name} not found", statusCode: 404, title: "DaemonSet not found"));
        }
        catch (Exception error) when (KubernetesFailures.IsFailure(error))
        {
            return (null, TypedResults.Problem($"Kubernetes could not be reached or refused: {error.Message}", statusCode: 503, title: "Kubernetes unavailable"));
        }
    }
}
