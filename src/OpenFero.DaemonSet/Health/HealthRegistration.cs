using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenFero.DaemonSet.Health;

public static class HealthRegistration
{
    /// <summary>The tag of the checks <c>/readyz</c> waits for.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Something the server needs before it can answer alerts correctly (a cache synced…): <c>/readyz</c>
    /// answers 503 naming it until <paramref name="isReady"/> holds.
    /// </summary>
    public static IHealthChecksBuilder AddReadiness(this IHealthChecksBuilder checks, string name, Func<IServiceProvider, bool> isReady) =>
        checks.Add(new HealthCheckRegistration(name, services => new ReadinessCheck(() => isReady(services)), HealthStatus.Unhealthy, [ReadyTag]));

    private sealed class ReadinessCheck(Func<bool> isReady) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(isReady() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy());
    }
}
