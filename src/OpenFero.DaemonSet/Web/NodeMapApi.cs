using System.Text.Json;
using k8s;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Web;

/// <summary><c>GET /api/daemonsets/{namespace}/{name}/nodes</c>: every node's state for the DaemonSet, read fresh from the cluster.</summary>
public static class NodeMapApi
{
    public static IEndpointRouteBuilder MapNodeMap(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/daemonsets/{namespace}/{name}/nodes", GetAsync)
            .WithName("GetDaemonSetNodeMap")
            .WithSummary("Every node and its state for a DaemonSet: updatedAvailable, old, pending, failing, notEligible or misscheduled, with the reason")
            .Produces<NodeMapView>(200, "application/json")
            .ProducesProblem(404)
            .ProducesProblem(503);
        return routes;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string @namespace, string name, IKubernetes client, TimeProvider time, CancellationToken cancellationToken)
    {
        // The same reader and analysis as the analysis API, with the switches the map needs and no metrics read.
        var reader = new DaemonSetSnapshotReader(client, Microsoft.Extensions.Options.Options.Create(NodeMap.Options));
        var (snapshot, problem) = await DaemonSetAnalysisApi.ReadAsync(reader, @namespace, name, cancellationToken);
        if (snapshot is null)
        {
            return problem!;
        }

        var report = DaemonSetAnalyzer.Analyze(snapshot, NodeMap.Options, time.GetUtcNow());
        var map = NodeMap.Of(report, snapshot.Nodes.Select(n => n.Metadata.Name));
        return TypedResults.Text(JsonSerializer.Serialize(map, ReportRendering.Json), "application/json");
    }
}
