namespace OpenFero.DaemonSet.Simulation.Scenarios;

// The scenario file format (YAML or JSON, camelCase keys). See README.md beside the built-in scenarios.

/// <summary>A whole scenario: nodes, DaemonSets, what goes wrong, and edits made once it runs.</summary>
public sealed class ScenarioDefinition
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Simulated seconds from a pod's binding to its containers running and Ready.</summary>
    public double PodStartSeconds { get; set; } = 2;

    public List<NodeGroupDefinition> Nodes { get; set; } = [];
    public List<DaemonSetDefinition> DaemonSets { get; set; } = [];

    /// <summary>ResourceQuotas in place before any pod: pods beyond them are refused at create, the daemon pods too.</summary>
    public List<ResourceQuotaDefinition> ResourceQuotas { get; set; } = [];

    public BehaviourDefinition Behaviours { get; set; } = new();
    public List<EditDefinition> AfterStart { get; set; } = [];
}

/// <summary>One node, or <see cref="Count"/> alike nodes named <c>{NamePrefix}{1..Count}</c>.</summary>
public sealed class NodeGroupDefinition
{
    public string? Name { get; set; }
    public int Count { get; set; } = 1;
    public string NamePrefix { get; set; } = "node-";
    public Dictionary<string, string> Labels { get; set; } = [];
    public List<TaintDefinition> Taints { get; set; } = [];
    public string Cpu { get; set; } = "4";
    public string Memory { get; set; } = "16Gi";
    public string MaxPods { get; set; } = "110";
    public bool Ready { get; set; } = true;
    public bool Unschedulable { get; set; }

    /// <summary>Other workloads' pods already on the node, taking their requests out of its allocatable resources.</summary>
    public List<WorkloadPodDefinition> Pods { get; set; } = [];
}

public sealed class TaintDefinition
{
    public string Key { get; set; } = "";
    public string? Value { get; set; }
    public string Effect { get; set; } = "NoSchedule";
}

public sealed class WorkloadPodDefinition
{
    public string Name { get; set; } = "";
    public string Namespace { get; set; } = "default";
    public string Cpu { get; set; } = "100m";
    public string Memory { get; set; } = "128Mi";
    public int? HostPort { get; set; }
}

public sealed class DaemonSetDefinition
{
    public string Namespace { get; set; } = "kube-system";
    public string Name { get; set; } = "";
    public string Image { get; set; } = "";

    /// <summary>When set, the DaemonSet was running this image and has just been updated to <see cref="Image"/>: its pods are of the old revision.</summary>
    public string? PreviousImage { get; set; }

    public string UpdateStrategy { get; set; } = "RollingUpdate";
    public string MaxUnavailable { get; set; } = "1";
    public string MaxSurge { get; set; } = "0";
    public int MinReadySeconds { get; set; }
    public Dictionary<string, string> NodeSelector { get; set; } = [];
    public List<TolerationDefinition> Tolerations { get; set; } = [];
    public string? CpuRequest { get; set; } = "100m";
    public string? MemoryRequest { get; set; } = "64Mi";
    public string? CpuLimit { get; set; } = "250m";
    public string? MemoryLimit { get; set; } = "128Mi";
    public int? HostPort { get; set; }
    public bool HostNetwork { get; set; }
    public bool ReadinessProbe { get; set; } = true;
    public string? PriorityClassName { get; set; }
    public string? HostPath { get; set; }
    public bool HostPathReadOnly { get; set; } = true;
    public bool Privileged { get; set; }

    /// <summary>What its containers use as metrics.k8s.io reports it, instead of a fixed fraction of their requests; the first that names the pod's node (or no node) applies.</summary>
    public List<UsageDefinition> Usage { get; set; } = [];
}

/// <summary>A container's measured usage (quantities such as <c>50m</c>, <c>120Mi</c>) and cpu throttling, on the listed nodes or, with none listed, on every node.</summary>
public sealed class UsageDefinition
{
    public string? Cpu { get; set; }
    public string? Memory { get; set; }

    /// <summary>The fraction (0 to 1) of its CFS periods in which the container was throttled, as cAdvisor counts them on <c>/metrics</c>; 0 when not set.</summary>
    public double? CpuThrottled { get; set; }

    public List<string> Nodes { get; set; } = [];
}

public sealed class TolerationDefinition
{
    public string? Key { get; set; }
    public string Operator { get; set; } = "Exists";
    public string? Value { get; set; }
    public string? Effect { get; set; }
}

/// <summary>A namespace's ResourceQuota: hard limits by resource name (<c>pods</c>, <c>requests.cpu</c>, <c>limits.memory</c>…).</summary>
public sealed class ResourceQuotaDefinition
{
    public string Namespace { get; set; } = "default";
    public string Name { get; set; } = "";
    public Dictionary<string, string> Hard { get; set; } = [];
}

/// <summary>What goes wrong: per image (how its containers fail) and per pod placement.</summary>
public sealed class BehaviourDefinition
{
    /// <summary>Image → ImagePullBackOff | CrashLoopBackOff | OOMKilled.</summary>
    public Dictionary<string, string> Images { get; set; } = [];

    /// <summary>Nodes whose kubelet hangs when stopping containers: a graceful delete of a pod there never finishes.</summary>
    public List<string> TerminationHangsOn { get; set; } = [];

    /// <summary>
    /// Nodes whose kubelet rejects every new pod at admission (Failed, reason <c>OutOfmemory</c>): it counts memory the
    /// scheduler does not see. Pods already running there keep running.
    /// </summary>
    public List<string> AdmissionRejectsOn { get; set; } = [];

    /// <summary>Pods (by DaemonSet and node, <c>namespace/daemonset@node</c>) whose deletion was already requested when the scenario starts.</summary>
    public List<string> DeletingAtStart { get; set; } = [];

    /// <summary>How long before the start the deletions of <see cref="DeletingAtStart"/> were requested.</summary>
    public double DeletingSinceMinutes { get; set; }
}

/// <summary>A change made shortly after the scenario starts, as an operator or an autoscaler would.</summary>
public sealed class EditDefinition
{
    public double AfterSeconds { get; set; } = 1;
    public string Node { get; set; } = "";
    public Dictionary<string, string>? SetLabels { get; set; }
    public TaintDefinition? AddTaint { get; set; }
}
