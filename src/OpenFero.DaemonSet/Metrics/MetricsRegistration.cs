using Prometheus;

namespace OpenFero.DaemonSet.Metrics;

public static class MetricsRegistration
{
    /// <summary>The server's instruments (<see cref="ServerMetrics"/>) and their Prometheus exposition.</summary>
    public static IServiceCollection AddServerMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<MetricsExposition>();
        return services;
    }

    /// <summary>
    /// <c>GET /metrics</c> in the Prometheus text format. The exposition is taken here, before the host starts,
    /// so that it listens before the first measurement.
    /// </summary>
    public static IEndpointConventionBuilder MapServerMetrics(this IEndpointRouteBuilder routes)
    {
        var exposition = routes.ServiceProvider.GetRequiredService<MetricsExposition>();
        return routes.MapMetrics("/metrics", exposition.Registry).ExcludeFromDescription();
    }
}
