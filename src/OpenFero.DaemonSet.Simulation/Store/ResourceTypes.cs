namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>The built-in kinds the simulated cluster serves. Custom resources are added when their CRD is created.</summary>
public static class ResourceTypes
{
    private static readonly string[] None = [];
    private static readonly string[] Status = ["status"];
    private const string Rbac = "rbac.authorization.k8s.io";

    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], Status);
    public static readonly ResourceType Nodes = new("", "v1", "nodes", "node", "Node", false, ["no"], Status);
    public static readonly ResourceType Pods = new("", "v1", "pods", "pod", "Pod", true, ["po"], ["status", "log"]);
    public static readonly ResourceType Events = new("", "v1", "events", "event", "Event", true, ["ev"], None);
    public static readonly ResourceType ResourceQuotas = new("", "v1", "resourcequotas", "resourcequota", "ResourceQuota", true, ["quota"], Status);
    public static readonly ResourceType DaemonSets = new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, ["ds"], Status);
    public static readonly ResourceType ControllerRevisions = new("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true, None, None);
    public static readonly ResourceType Jobs = new("batch", "v1", "jobs", "job", "Job", true, None, Status);
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, None, None);
    public static readonly ResourceType CustomResourceDefinitions =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, ["crd", "crds"], Status);

    // Served and stored only, with no controller: what `kubectl apply -f rbac/` installs, and the other groups kubectl may meet.
    public static readonly ResourceType ServiceAccounts = new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"], None);
    public static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"], None);
    public static readonly ResourceType Secrets = new("", "v1", "secrets", "secret", "Secret", true, None, None);
    public static readonly ResourceType Services = new("", "v1", "services", "service", "Service", true, ["svc"], Status);
    public static readonly ResourceType Deployments = new("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], Status);
    public static readonly ResourceType Roles = new(Rbac, "v1", "roles", "role", "Role", true, None, None);
    public static readonly ResourceType ClusterRoles = new(Rbac, "v1", "clusterroles", "clusterrole", "ClusterRole", false, None, None);
    public static readonly ResourceType RoleBindings = new(Rbac, "v1", "rolebindings", "rolebinding", "RoleBinding", true, None, None);
    public static readonly ResourceType ClusterRoleBindings = new(Rbac, "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, None, None);
    public static readonly ResourceType PodDisruptionBudgets = new("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, ["pdb"], Status);
    public static readonly ResourceType NetworkPolicies = new("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, ["netpol"], None);
    public static readonly ResourceType EventsV1 = new("events.k8s.io", "v1", "events", "event", "Event", true, ["ev"], None);

    public static IReadOnlyList<ResourceType> BuiltIn { get; } =
    [
        Namespaces, Nodes, Pods, Events, ResourceQuotas, DaemonSets, ControllerRevisions, Jobs, Leases, CustomResourceDefinitions,
        ServiceAccounts, ConfigMaps, Secrets, Services, Deployments, Roles, ClusterRoles, RoleBindings, ClusterRoleBindings, PodDisruptionBudgets, NetworkPolicies,
        EventsV1,
    ];
}
