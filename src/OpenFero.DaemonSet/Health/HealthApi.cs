using Microsoft.AspNetCore.Http.HttpResults;
using OpenFero.DaemonSet.Metrics;

namespace OpenFero.DaemonSet.Health;

/// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (its caches are synced) and <c>/metrics</c>.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        routes.MapGet("/readyz", Ready).ExcludeFromDescription();
        routes.MapGet("/metrics", (ServerMetrics metrics) => TypedResults.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8")).ExcludeFromDescription();
        return routes;
    }

    public static Results<ContentHttpResult, ProblemHttpResult> Ready(IEnumerable<IReadinessCheck> checks)
    {
        var waiting = checks.Where(c => !c.IsReady).Select(c => c.Name).ToList();
        return waiting.Count == 0
            ? TypedResults.Text("ok")
            : TypedResults.Problem($"waiting for: {string.Join(", ", waiting)}", statusCode: 503, title: "Not ready");
    }
}
