using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Scenarios;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Metrics;

/// <summary>
/// What metrics-server would measure, as <c>metrics.k8s.io/v1beta1</c> PodMetrics and NodeMetrics: for every
/// container running now, a fixed fraction of its requests (<see cref="CpuOfRequest"/>, <see cref="MemoryOfRequest"/>)
/// unless its scenario's DaemonSet says otherwise (<c>usage</c>); a node's usage is its pods' plus
/// <see cref="SystemCpu"/> and <see cref="SystemMemory"/>. Deterministic, so reports and golden files are stable.
/// Quantities are written as metrics-server writes them: cpu in nanocores, memory in kibibytes. The same usage feeds
/// the cAdvisor series on <c>/metrics</c> (<see cref="CadvisorMetrics"/>).
/// </summary>
public sealed class ResourceMetrics(ClusterStore store, Scenario scenario)
{
    public const string Group = "metrics.k8s.io";
    public const string Version = "v1beta1";
    public const decimal CpuOfRequest = 0.4m;
    public const decimal MemoryOfRequest = 0.75m;
    public const decimal SystemCpu = 0.25m;
    public const decimal SystemMemory = 512m * 1024 * 1024;
    private const decimal NoRequestCpu = 0.005m;
    private const decimal NoRequestMemory = 16m * 1024 * 1024;
    private const string Window = "10.5s";

    public static readonly ResourceType PodMetrics = new(Group, Version, "pods", "", "PodMetrics", true, [], []);
    public static readonly ResourceType NodeMetrics = new(Group, Version, "nodes", "", "NodeMetrics", false, [], []);

    public static IReadOnlyList<ResourceType> Types { get; } = [PodMetrics, NodeMetrics];

    /// <summary>The PodMetrics of every pod in <paramref name="ns"/> (every namespace when null) with a running container.</summary>
    public IEnumerable<JsonObject> Pods(string? ns) =>
        store.List(ResourceTypes.Pods, ns).Select(p => p.As<V1Pod>()).Select(PodMetricsOf).OfType<JsonObject>();

    /// <summary>The NodeMetrics of every Ready node.</summary>
    public IEnumerable<JsonObject> Nodes()
    {
        var now = Now();
        var byNode = store.List(ResourceTypes.Pods).Select(p => p.As<V1Pod>()).Where(p => p.Spec?.NodeName is not null)
            .ToLookup(p => p.Spec.NodeName, StringComparer.Ordinal);
        foreach (var node in store.List(ResourceTypes.Nodes).Select(n => n.As<V1Node>()))
        {
            if (node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true)
            {
                continue;
            }

            var usage = byNode[node.Metadata.Name].SelectMany(Containers)
                .Aggregate((Cpu: SystemCpu, Memory: SystemMemory), (sum, c) => (sum.Cpu + c.Cpu, sum.Memory + c.Memory));
            yield return new JsonObject
            {
                ["kind"] = "NodeMetrics",
                ["apiVersion"] = $"{Group}/{Version}",
                ["metadata"] = Metadata(node.Metadata.Name, null, node.Metadata.Labels, now),
                ["timestamp"] = now,
                ["window"] = Window,
                ["usage"] = Usage(usage.Cpu, usage.Memory),
            };
        }
    }

    private JsonObject? PodMetricsOf(V1Pod pod)
    {
        var containers = Containers(pod).ToList();
        if (containers.Count == 0)
        {
            return null;
        }

        var now = Now();
        return new JsonObject
        {
            ["kind"] = "PodMetrics",
            ["apiVersion"] = $"{Group}/{Version}",
            ["metadata"] = Metadata(pod.Metadata.Name, pod.Metadata.NamespaceProperty, pod.Metadata.Labels, now),
            ["timestamp"] = now,
            ["window"] = Window,
            ["containers"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["usage"] = Usage(c.Cpu, c.Memory) })]),
        };
    }

    /// <summary>The containers of a running pod whose state is running, with what they use and since when they run.</summary>
    public IEnumerable<ContainerUsage> Containers(V1Pod pod)
    {
        if (pod.Status?.Phase != "Running" || pod.Spec?.NodeName is not { } node)
        {
            yield break;
        }

        var daemonSet = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Kind == "DaemonSet")?.Name;
        var overrides = scenario.Definition.DaemonSets
            .FirstOrDefault(d => d.Namespace == pod.Metadata.NamespaceProperty && d.Name == daemonSet)?.Usage
            .FirstOrDefault(u => u.Nodes.Count == 0 || u.Nodes.Contains(node));
        foreach (var container in pod.Spec.Containers ?? [])
        {
            if (pod.Status.ContainerStatuses?.FirstOrDefault(s => s.Name == container.Name)?.State?.Running is not { } running)
            {
                continue;
            }

            var requests = container.Resources?.Requests;
            var cpu = overrides?.Cpu is { } c ? new ResourceQuantity(c).ToDecimal()
                : requests?.TryGetValue("cpu", out var rc) == true ? rc.ToDecimal() * CpuOfRequest : NoRequestCpu;
            var memory = overrides?.Memory is { } m ? new ResourceQuantity(m).ToDecimal()
                : requests?.TryGetValue("memory", out var rm) == true ? rm.ToDecimal() * MemoryOfRequest : NoRequestMemory;
            var cpuLimit = container.Resources?.Limits?.TryGetValue("cpu", out var lc) == true ? lc.ToDecimal() : (decimal?)null;
            var startedAt = running.StartedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : store.Time.GetUtcNow();
            yield return new(container.Name, cpu, memory, cpuLimit, (decimal)(overrides?.CpuThrottled ?? 0), startedAt);
        }
    }

    private static JsonObject Usage(decimal cpuCores, decimal memoryBytes) => new()
    {
        ["cpu"] = $"{decimal.Round(cpuCores * 1_000_000_000m).ToString("0", CultureInfo.InvariantCulture)}n",
        ["memory"] = $"{decimal.Round(memoryBytes / 1024m).ToString("0", CultureInfo.InvariantCulture)}Ki",
    };

    private static JsonObject Metadata(string name, string? ns, IDictionary<string, string>? labels, string now)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        metadata["creationTimestamp"] = now;
        if (labels is { Count: > 0 })
        {
            metadata["labels"] = new JsonObject([.. labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
        }

        return metadata;
    }

    private string Now() => store.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

/// <summary>
/// A running container's usage (cores, bytes), its cpu limit, the fraction of its CFS periods throttled (0 unless its
/// scenario's DaemonSet says <c>cpuThrottled</c>), and when it started: its counters count from then.
/// </summary>
public sealed record ContainerUsage(string Name, decimal Cpu, decimal Memory, decimal? CpuLimit, decimal CpuThrottled, DateTimeOffset StartedAt);
