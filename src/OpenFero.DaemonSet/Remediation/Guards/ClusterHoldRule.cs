using OpenFero.DaemonSet.Alertmanager;
using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Which firing alerts hold a remediation: one of the hold list's names, and about the DaemonSet's part of the
/// cluster. An alert with a <c>node</c> label (or, failing that, an <c>instance</c> naming a node, as node-exporter's
/// do) holds when the node runs, or should run, a daemon pod; one with only a <c>namespace</c> holds in that
/// namespace; one with neither (<c>KubeletDown</c>, <c>KubeAPIErrorBudgetBurn</c>) is about the whole cluster and holds.
/// </summary>
public static class ClusterHoldRule
{
    public static IReadOnlyList<FiringAlert> Holding(IReadOnlyList<FiringAlert> firing, IReadOnlyCollection<string> holdAlerts, DaemonSetReport report) =>
        Holding(firing, holdAlerts, report.Namespace, Nodes(report));

    /// <summary>The alerts that hold a DaemonSet in <paramref name="ns"/> whose daemon pods run, or should run, on <paramref name="nodes"/>.</summary>
    public static IReadOnlyList<FiringAlert> Holding(IReadOnlyList<FiringAlert> firing, IReadOnlyCollection<string> holdAlerts, string ns, IReadOnlySet<string> nodes) =>
        [.. firing.Where(a => holdAlerts.Contains(a.Name, StringComparer.Ordinal) && Concerns(a, ns, nodes))];

    /// <summary>"KubeNodeNotReady (node node-2), KubeletDown": each alert once, with what it is about.</summary>
    public static string Describe(IReadOnlyList<FiringAlert> alerts) =>
        string.Join(", ", alerts.Select(a => About(a) is { } about ? $"{a.Name} ({about})" : a.Name).Distinct());

    /// <summary>The nodes with a daemon pod, and those that should have one.</summary>
    public static IReadOnlySet<string> Nodes(DaemonSetReport report) =>
        report.Pods.Select(p => p.Node).OfType<string>()
            .Concat(report.NotScheduled.Select(n => n.Node))
            .Concat(report.WaitingForOldPod.Select(w => w.Node))
            .ToHashSet(StringComparer.Ordinal);

    private static bool Concerns(FiringAlert alert, string ns, IReadOnlySet<string> nodes) => Node(alert) switch
    {
        { } node => nodes.Contains(node),
        null when alert.Labels.TryGetValue("namespace", out var alertNamespace) => alertNamespace == ns,
        null => true,
    };

    private static string? Node(FiringAlert alert) =>
        alert.Labels.TryGetValue("node", out var node) ? node
        : alert.Labels.TryGetValue("instance", out var instance) ? instance.Split(':')[0]
        : null;

    private static string? About(FiringAlert alert) =>
        alert.Labels.TryGetValue("node", out var node) ? $"node {node}"
        : alert.Labels.TryGetValue("instance", out var instance) ? $"instance {instance}"
        : alert.Labels.TryGetValue("namespace", out var ns) ? $"namespace {ns}"
        : null;
}
