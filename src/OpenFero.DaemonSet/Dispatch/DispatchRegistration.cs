using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Health;

namespace OpenFero.DaemonSet.Dispatch;

public static class DispatchRegistration
{
    /// <summary>Alerts to Jobs: the Operarius catalog, the Job cache, the per-DaemonSet guard and the follow-ups.</summary>
    public static IHostApplicationBuilder AddRemediation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RemediationJobOptions>().BindConfiguration(RemediationJobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OperariusCatalog>();
        builder.Services.AddSingleton<JobWatcher>();
        builder.Services.AddHealthChecks()
            .AddReadiness("operarius-catalog", p => p.GetRequiredService<OperariusCatalog>().IsReady)
            .AddReadiness("job-watcher", p => p.GetRequiredService<JobWatcher>().IsReady);
        builder.Services.AddHostedService(p => p.GetRequiredService<OperariusCatalog>());
        builder.Services.AddHostedService(p => p.GetRequiredService<JobWatcher>());
        builder.Services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<JobFollowUpReconciler>();
        builder.Services.AddHostedService<JobFollowUps>();
        builder.Services.AddSingleton<DaemonSetGuard>();
        builder.Services.AddHostedService<LeaseCollector>();
        builder.Services.AddSingleton<OperariusStatusWriter>();
        builder.Services.AddSingleton<DaemonSetEvents>();
        builder.Services.AddSingleton<IAlertRemediator, AlertRemediator>();
        builder.Services.AddSingleton<DaemonSetSnapshotReader>();
        builder.Services.AddSingleton<RemediationEnrichment>();
        builder.Services.AddOptions<Analysis.AnalysisOptions>().BindConfiguration(Analysis.AnalysisOptions.Section);
        return builder;
    }
}
