using OpenFero.DaemonSet.Configuration;
namespace OpenFero.DaemonSet.Analysis;

public static class AnalysisRegistration
{
    /// <summary>The snapshot reader, the trends' reader of Prometheus, and the workflows' switches (<c>Analysis:…</c>, <c>Prometheus:…</c>), checked at start.</summary>
    public static IHostApplicationBuilder AddAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedSection<AnalysisOptions>(AnalysisOptions.Section, options => options.Validate(
            a => a.DaemonsetRolloutMonitor.ProgressDeadline > TimeSpan.Zero,
            "Analysis:DaemonsetRolloutMonitor:ProgressDeadline must be a positive duration, such as 00:10:00"));
        builder.Services.AddValidatedSection<PrometheusOptions>(PrometheusOptions.Section);
        builder.Services.AddHttpClient(PrometheusTrendsReader.ClientName);
        builder.Services.AddSingleton<PrometheusTrendsReader>();
        builder.Services.AddSingleton<DaemonSetSnapshotReader>();
        return builder;
    }
}
