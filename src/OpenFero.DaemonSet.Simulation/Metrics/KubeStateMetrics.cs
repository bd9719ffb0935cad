using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Metrics;

/// <summary>
/// kube-state-metrics' DaemonSet gauges in Prometheus text format, mirroring each DaemonSet's status, so a real
/// Prometheus can evaluate the kubernetes-mixin alert rules against the simulation; and its pod series
/// (<see cref="KubeStatePodMetrics"/>) for trends over the DaemonSet's pods.
/// </summary>
public static class KubeStateMetrics
{
    private static readonly (string Name, string Help, Func<V1DaemonSet, long> Value)[] Gauges =
    [
        ("kube_daemonset_status_current_number_scheduled", "The number of nodes running at least one daemon pod and are supposed to.", d => d.Status?.CurrentNumberScheduled ?? 0),
        ("kube_daemonset_status_desired_number_scheduled", "The number of nodes that should be running the daemon pod.", d => d.Status?.DesiredNumberScheduled ?? 0),
        ("kube_daemonset_status_number_available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available", d => d.Status?.NumberAvailable ?? 0),
        ("kube_daemonset_status_number_misscheduled", "The number of nodes running a daemon pod but are not supposed to.", d => d.Status?.NumberMisscheduled ?? 0),
        ("kube_daemonset_status_number_ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.", d => d.Status?.NumberReady ?? 0),
        ("kube_daemonset_status_number_unavailable", "The number of nodes that should be running the daemon pod and have none of the daemon pod running and available", d => d.Status?.NumberUnavailable ?? 0),
        ("kube_daemonset_status_observed_generation", "The most recent generation observed by the daemon set controller.", d => d.Status?.ObservedGeneration ?? 0),
        ("kube_daemonset_status_updated_number_scheduled", "The total number of nodes that are running updated daemon pod", d => d.Status?.UpdatedNumberScheduled ?? 0),
        ("kube_daemonset_metadata_generation", "Sequence number representing a specific generation of the desired state.", d => d.Metadata.Generation ?? 0),
    ];

    /// <summary>The DaemonSet gauges, then the pod series.</summary>
    public static string Render(ClusterStore store)
    {
        var text = new PrometheusText();
        Render(store, text);
        return text.ToString();
    }

    internal static void Render(ClusterStore store, PrometheusText text)
    {
        var daemonSets = store.List(ResourceTypes.DaemonSets).Select(d => d.As<V1DaemonSet>()).ToList();
        foreach (var (name, help, value) in Gauges)
        {
            text.Family(name, "gauge", help);
            foreach (var daemonSet in daemonSets)
            {
                text.Sample(name, [("namespace", daemonSet.Metadata.NamespaceProperty), ("daemonset", daemonSet.Metadata.Name)], value(daemonSet));
            }
        }

        KubeStatePodMetrics.Render(store, text);
    }
}
