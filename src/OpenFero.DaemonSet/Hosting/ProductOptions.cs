using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Auth;
using OpenFero.DaemonSet.Configuration;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Webhook;

namespace OpenFero.DaemonSet.Hosting;

public static class ProductOptions
{
    /// <summary>
    /// Every settings section, bound from the same sources and validated when any verb starts: a mistyped
    /// <c>Runner__RolloutTimeout</c> in a shared ConfigMap stops <c>serve</c> too, instead of waiting for the first Job.
    /// </summary>
    public static IHostApplicationBuilder AddProductOptions(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddValidatedSection<KubernetesOptions>(KubernetesOptions.Section)
            .AddValidatedSection<WebhookOptions>(WebhookOptions.Section)
            .AddValidatedSection<AuthOptions>(AuthOptions.Section)
            .AddValidatedSection<RemediationJobOptions>(RemediationJobOptions.Section)
            .AddValidatedSection<ApprovalOptions>(ApprovalOptions.Section)
            .AddValidatedSection<FollowUpOptions>(FollowUpOptions.Section)
            .AddValidatedSection<AnalysisOptions>(AnalysisOptions.Section)
            .AddValidatedSection<PrometheusOptions>(PrometheusOptions.Section);
        builder.AddGuardOptions();
        return builder.AddRunnerPolicy();
    }
}
