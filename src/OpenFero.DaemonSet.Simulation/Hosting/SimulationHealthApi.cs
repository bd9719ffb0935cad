using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenFero.DaemonSet.Simulation.Controllers;

namespace OpenFero.DaemonSet.Simulation.Hosting;

/// <summary>
/// <c>/simulation/healthz</c>: 200 while every controller completes its passes, 503 naming the stalled ones
/// otherwise, so that a benchmark or a probe sees a stuck simulation instead of waiting on it.
/// </summary>
public static class SimulationHealthApi
{
    public static void MapSimulationHealth(this IEndpointRouteBuilder routes, Func<ClusterControllers?> controllers) =>
        routes.MapGet("/simulation/healthz", () => Healthz(controllers()));

    public static Results<ContentHttpResult, ProblemHttpResult> Healthz(ClusterControllers? controllers)
    {
        var stalls = controllers?.Health.Stalled() ?? [];
        return stalls.Count == 0
            ? TypedResults.Text("ok")
            : TypedResults.Problem(string.Join("; ", stalls.Select(s => $"{s.Controller}: {s.Reason}")), statusCode: 503, title: "Controllers stalled");
    }
}
