using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Configuration;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Health;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Rollouts;

namespace OpenFero.DaemonSet.Dispatch;

public static class DispatchRegistration
{
    /// <summary>Alerts to Jobs: the Operarius catalog, the Job cache, the per-DaemonSet guard and the follow-ups.</summary>
    public static IHostApplicationBuilder AddRemediation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedSection<RemediationJobOptions>(RemediationJobOptions.Section);
        builder.Services.AddSingleton<OperariusCatalog>();
        builder.Services.AddSingleton<JobWatcher>();
        builder.Services.AddHealthChecks()
            .AddReadiness("operarius-catalog", p => p.GetRequiredService<OperariusCatalog>().IsReady)
            .AddReadiness("job-watcher", p => p.GetRequiredService<JobWatcher>().IsReady);
        builder.Services.AddHostedService(p => p.GetRequiredService<OperariusCatalog>());
        builder.Services.AddHostedService(p => p.GetRequiredService<JobWatcher>());
        builder.Services.AddValidatedSection<FollowUpOptions>(FollowUpOptions.Section);
        builder.Services.AddSingleton<JobFollowUpReconciler>();
        builder.Services.AddSingleton<JobOutcomeReader>();
        builder.Services.AddSingleton<ApprovalExpiry>();
        builder.Services.AddSingleton<DeletedJobs>();
        builder.Services.AddSingleton<JobApproval>();
        builder.Services.AddHostedService<JobFollowUps>();
        builder.Services.AddSingleton<DaemonSetGuard>();
        builder.Services.AddSingleton<RemediationSlots>();
        builder.AddRunnerPolicy();
        builder.Services.AddSingleton<RemediationPolicyGate>();
        builder.Services.AddHostedService<LeaseCollector>();
        builder.Services.AddSingleton<OperariusStatusWriter>();
        builder.Services.AddSingleton<DaemonSetEvents>();
        builder.Services.AddHostedService<OperariusTemplateChecks>();
        builder.AddApproval();
        builder.Services.AddSingleton<IAlertRemediator, AlertRemediator>();
        builder.AddRolloutMonitor();
        builder.Services.AddSingleton<ProgressingAlerts>();
        builder.Services.AddHostedService<StalledRolloutRemediation>();
        builder.AddAnalysis();
        builder.Services.AddSingleton<RemediationEnrichment>();
        builder.AddAlertHold();
        return builder;
    }
}
