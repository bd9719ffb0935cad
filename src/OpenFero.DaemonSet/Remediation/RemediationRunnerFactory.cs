using k8s;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>Builds a runner over a Kubernetes client whose every call goes through the resilience pipeline.</summary>
public static class RemediationRunnerFactory
{
    public static RemediationRunner Create(KubernetesClientConfiguration configuration, TimeProvider time, ILoggerFactory loggers, out IKubernetes client)
    {
        var pipeline = KubernetesResiliencePipeline.Build(new KubernetesOptions(), time);
        configuration.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        client = new k8s.Kubernetes(configuration, new ResilientKubernetesHandler(pipeline));
        var events = new DaemonSetEvents(client, time);
        return new RemediationRunner(
            new DaemonSetSnapshotReader(client),
            new DaemonSetChanges(client, time),
            new PodDeletions(client, new ReplacementWaiter(client, time, loggers.CreateLogger<ReplacementWaiter>()), events, loggers.CreateLogger<PodDeletions>()),
            new RolloutWaiter(client, time, loggers.CreateLogger<RolloutWaiter>()),
            events,
            time,
            loggers.CreateLogger<RemediationRunner>());
    }
}
