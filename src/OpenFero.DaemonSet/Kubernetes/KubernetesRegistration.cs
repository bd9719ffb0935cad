using k8s;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Configuration;
using OpenFero.DaemonSet.Metrics;

namespace OpenFero.DaemonSet.Kubernetes;

public static class KubernetesRegistration
{
    /// <summary>The Kubernetes client, every call through the one resilience pipeline.</summary>
    public static IHostApplicationBuilder AddKubernetes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedSection<KubernetesOptions>(KubernetesOptions.Section);
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

    /// <summary>An explicit kubeconfig; else in-cluster; else KUBECONFIG or ~/.kube/config.</summary>
    public static KubernetesClientConfiguration ClientConfiguration(string? kubeconfig) =>
        kubeconfig is not null
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
            : KubernetesClientConfiguration.IsInCluster()
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildDefaultConfig();
}
