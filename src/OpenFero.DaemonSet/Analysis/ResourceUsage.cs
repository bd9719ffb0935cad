using System.Globalization;
using k8s.Models;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// A pod's measured usage beside its requests and limits: cpu in millicores and memory in MiB as <c>kubectl top</c>
/// prints them, and whether a container is at <see cref="NearLimitPercent"/> % or more of its memory limit — the
/// kernel OOM-kills a container that reaches its limit, so such a pod is one spike from a restart. Pure.
/// </summary>
public static class ResourceUsage
{
    public const int NearLimitPercent = 90;

    private const decimal Mebibyte = 1024m * 1024m;

    /// <summary>The pod's usage summed over its containers, e.g. <c>cpu=40m, memory=48Mi</c>; null when it was not measured.</summary>
    public static IReadOnlyDictionary<string, string>? Of(PodMetrics? metrics)
    {
        if (metrics?.Containers is not { Count: > 0 } containers)
        {
            return null;
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cpu"] = Cpu(containers.Sum(c => Value(c, "cpu"))),
            ["memory"] = Memory(containers.Sum(c => Value(c, "memory"))),
        };
    }

    /// <summary>The container closest to its memory limit, when it is at <see cref="NearLimitPercent"/> % or more of it.</summary>
    public static MemoryNearLimit? NearMemoryLimit(V1Pod pod, PodMetrics? metrics) =>
        (metrics?.Containers ?? [])
            .Select(used => (used, limit: pod.Spec?.Containers?.FirstOrDefault(c => c.Name == used.Name)?.Resources?.Limits?.TryGetValue("memory", out var l) == true ? l.ToDecimal() : 0m))
            .Where(c => c.limit > 0)
            .Select(c => new MemoryNearLimit(c.used.Name, Memory(Value(c.used, "memory")), Memory(c.limit), (int)Math.Floor(Value(c.used, "memory") * 100m / c.limit)))
            .Where(c => c.Percent >= NearLimitPercent)
            .OrderByDescending(c => c.Percent)
            .FirstOrDefault();

    private static decimal Value(ContainerMetrics container, string resource) =>
        container.Usage?.TryGetValue(resource, out var quantity) == true ? quantity.ToDecimal() : 0m;

    private static string Cpu(decimal cores) => string.Create(CultureInfo.InvariantCulture, $"{decimal.Ceiling(cores * 1000m)}m");

    private static string Memory(decimal bytes) => string.Create(CultureInfo.InvariantCulture, $"{decimal.Floor(bytes / Mebibyte)}Mi");
}
