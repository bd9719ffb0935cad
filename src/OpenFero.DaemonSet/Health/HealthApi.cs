using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenFero.DaemonSet.Health;

/// <summary>
/// <c>/healthz</c> (the process answers: no check runs) and <c>/readyz</c> (every readiness check passes), open
/// to everyone: the kubelet probes without credentials. 200 <c>ok</c>, or 503 with a problem naming what is
/// still awaited. OpenFero's chart probes <c>/readiness</c> and <c>/startupz</c>: both answer as <c>/readyz</c> (the
/// caches sync once at start, after which they stay ready).
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous().ExcludeFromDescription();
        foreach (var path in (string[])["/readyz", "/readiness", "/startupz"])
        {
            routes.MapHealthChecks(path, new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthRegistration.ReadyTag), ResponseWriter = WriteAsync })
                .AllowAnonymous().ExcludeFromDescription();
        }
        return routes;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("ok", context.RequestAborted);
        }

        var waiting = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).Order(StringComparer.Ordinal);
        return Results.Problem($"waiting for: {string.Join(", ", waiting)}", statusCode: 503, title: "Not ready").ExecuteAsync(context);
    }
}
