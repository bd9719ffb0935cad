using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Metrics;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// The host of a verb that runs once and ends (<c>analyze</c>, <c>remediate</c>): the server's Kubernetes client and
/// resilience pipeline, every settings section validated as the server's, and the analysis switches.
/// </summary>
public static class OneOffHost
{
    /// <summary>128 + SIGTERM: the exit of a run cut short, never counted as work that succeeded.</summary>
    public const int Stopped = 143;

    public static HostApplicationBuilder CreateBuilder(HostApplicationBuilderSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(settings);
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.AddSingleton(TimeProvider.System);
        // The resilience pipeline counts retries and failures; a one-off run has no /metrics, the counts are simply dropped.
        builder.Services.AddServerMetrics();
        builder.AddProductOptions();
        builder.AddKubernetes();
        builder.AddAnalysis();
        return builder;
    }
}
