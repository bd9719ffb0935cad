using OpenFero.DaemonSet.Configuration;
namespace OpenFero.DaemonSet.Analysis;

public static class AnalysisRegistration
{
    /// <summary>The snapshot reader and the workflows' switches (<c>Analysis:…</c>), checked at start.</summary>
    public static IHostApplicationBuilder AddAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedSection<AnalysisOptions>(AnalysisOptions.Section);
        builder.Services.AddSingleton<DaemonSetSnapshotReader>();
        return builder;
    }
}
