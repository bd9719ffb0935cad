using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Alerting;
using OpenFero.DaemonSet.Hosting;

namespace OpenFero.DaemonSet.Kubernetes;

public static class KubernetesRegistration
{
    /// <summary>The Kubernetes client, every call through the one resilience pipeline.</summary>
    public static IHostApplicationBuilder AddKubernetes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(provider =>
            KubernetesResiliencePipeline.Build(provider.GetRequiredService<IOptions<KubernetesOptions>>().Value, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ServerMetrics>()));
        builder.Services.AddSingleton<IKubernetes>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KubernetesOptions>>().Value;
            var configuration = ClientConfiguration(options.Kubeconfig);
            configuration.HttpClientTimeout = Timeout.InfiniteTimeSpan;
            return new k8s.Kubernetes(configuration, new ResilientKubernetesHandler(provider.GetRequiredService<Polly.ResiliencePipeline<HttpResponseMessage>>()));
        });
        return builder;
    }

    /// <summary>Alerts to Jobs: the Operarius catalog, the Job cache, the per-DaemonSet guard and the follow-ups.</summary>
    public static IHostApplicationBuilder AddRemediation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RemediationJobOptions>().BindConfiguration(RemediationJobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OperariusCatalog>();
        builder.Services.AddSingleton<JobWatcher>();
        builder.Services.AddSingleton<IReadinessCheck>(p => p.GetRequiredService<OperariusCatalog>());
        builder.Services.AddSingleton<IReadinessCheck>(p => p.GetRequiredService<JobWatcher>());
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

    /// <summary>An explicit kubeconfig; else in-cluster; else KUBECONFIG or ~/.kube/config.</summary>
    public static KubernetesClientConfiguration ClientConfiguration(string? kubeconfig) =>
        kubeconfig is not null
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
            : KubernetesClientConfiguration.IsInCluster()
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildDefaultConfig();
}
