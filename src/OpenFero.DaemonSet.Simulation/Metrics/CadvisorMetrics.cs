using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Metrics;

/// <summary>
/// The kubelet's cAdvisor series for every running container, with the usage metrics.k8s.io reports
/// (<see cref="ResourceMetrics"/>): the memory working set (and the pod cgroup's, <c>container=""</c>, as cAdvisor
/// has it), and counters that grow with the simulation's clock from the container's start — cpu seconds, CFS
/// periods of 100 ms for a container with a cpu limit, and the throttled ones among them.
/// </summary>
internal static class CadvisorMetrics
{
    private const decimal PeriodsPerSecond = 10;

    public static void Render(ClusterStore store, ResourceMetrics usage, PrometheusText text)
    {
        var now = store.Time.GetUtcNow();
        var running = store.List(ResourceTypes.Pods).Select(p => p.As<V1Pod>())
            .Select(pod => (Pod: pod, Containers: usage.Containers(pod).ToList())).Where(p => p.Containers.Count > 0).ToList();

        text.Family("container_memory_working_set_bytes", "gauge", "Current working set of the container in bytes");
        foreach (var (pod, containers) in running)
        {
            text.Sample("container_memory_working_set_bytes", Labels(pod, ""), decimal.Round(containers.Sum(c => c.Memory)));
            foreach (var container in containers)
            {
                text.Sample("container_memory_working_set_bytes", Labels(pod, container.Name), decimal.Round(container.Memory));
            }
        }

        text.Family("container_cpu_usage_seconds_total", "counter", "Cumulative cpu time consumed in seconds.");
        foreach (var (pod, container) in running.SelectMany(p => p.Containers.Select(c => (p.Pod, c))))
        {
            text.Sample("container_cpu_usage_seconds_total", Labels(pod, container.Name), decimal.Round(container.Cpu * Seconds(container, now), 6));
        }

        var limited = running.SelectMany(p => p.Containers.Where(c => c.CpuLimit is not null).Select(c => (p.Pod, Container: c))).ToList();
        text.Family("container_cpu_cfs_periods_total", "counter", "Number of elapsed enforcement period intervals.");
        foreach (var (pod, container) in limited)
        {
            text.Sample("container_cpu_cfs_periods_total", Labels(pod, container.Name), Periods(container, now));
        }

        text.Family("container_cpu_cfs_throttled_periods_total", "counter", "Number of throttled period intervals.");
        foreach (var (pod, container) in limited)
        {
            text.Sample("container_cpu_cfs_throttled_periods_total", Labels(pod, container.Name), decimal.Floor(Periods(container, now) * container.CpuThrottled));
        }
    }

    private static decimal Seconds(ContainerUsage container, DateTimeOffset now) => Math.Max(0, (decimal)(now - container.StartedAt).TotalSeconds);

    private static decimal Periods(ContainerUsage container, DateTimeOffset now) => decimal.Floor(Seconds(container, now) * PeriodsPerSecond);

    private static (string, string)[] Labels(V1Pod pod, string container) =>
        [("namespace", pod.Metadata.NamespaceProperty), ("pod", pod.Metadata.Name), ("container", container), ("node", pod.Spec!.NodeName!)];
}
