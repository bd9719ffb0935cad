using OpenFero.DaemonSet.Configuration;

namespace OpenFero.DaemonSet.Rollouts;

public static class RolloutRegistration
{
    /// <summary>The live rollout model of every watched DaemonSet (<see cref="RolloutMonitor"/>), and its metrics.</summary>
    public static IHostApplicationBuilder AddRolloutMonitor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RolloutMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RolloutMonitor>());
        builder.Services.AddSingleton<RolloutMetrics>();
        builder.Services.AddValidatedSection<WorkflowTriggerOptions>(WorkflowTriggerOptions.Section);
        builder.Services.AddHostedService<TriggeredAnalyses>();
        return builder;
    }

    /// <summary>The rollout API and stream; the metrics are created here, before the host starts, so the first scrape has them.</summary>
    public static IEndpointRouteBuilder MapRolloutMonitor(this IEndpointRouteBuilder routes)
    {
        _ = routes.ServiceProvider.GetRequiredService<RolloutMetrics>();
        return routes.MapRollouts();
    }
}
