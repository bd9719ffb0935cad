namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>The built-in kinds the simulated cluster serves. Custom resources are added when their CRD is created.</summary>
public static class ResourceTypes
{
    private static readonly string[] None = [];
    private static readonly string[] Status = ["status"];

    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], Status);
    public static readonly ResourceType Nodes = new("", "v1", "nodes", "node", "Node", false, ["no"], Status);
    public static readonly ResourceType Pods = new("", "v1", "pods", "pod", "Pod", true, ["po"], ["status", "log"]);
    public static readonly ResourceType Events = new("", "v1", "events", "event", "Event", true, ["ev"], None);
    public static readonly ResourceType DaemonSets = new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, ["ds"], Status);
    public static readonly ResourceType ControllerRevisions = new("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true, None, None);
    public static readonly ResourceType Jobs = new("batch", "v1", "jobs", "job", "Job", true, None, Status);
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, None, None);
    public static readonly ResourceType CustomResourceDefinitions =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, ["crd", "crds"], Status);

    public static IReadOnlyList<ResourceType> BuiltIn { get; } =
        [Namespaces, Nodes, Pods, Events, DaemonSets, ControllerRevisions, Jobs, Leases, CustomResourceDefinitions];
}
