namespace OpenFero.DaemonSet.Web;

/// <summary>What a node is for one DaemonSet, as the node map colours it.</summary>
public enum NodeState
{
    /// <summary>Runs the current revision's pod, ready.</summary>
    UpdatedAvailable,

    /// <summary>Runs a pod of an older revision that still works; the rollout has not replaced it yet.</summary>
    Old,

    /// <summary>Should run a pod and will by waiting: one starting, one not created yet, or an old one terminating.</summary>
    Pending,

    /// <summary>Should run a pod and will not by waiting: a pod stuck (pull errors, crash loop, terminating too long) or refused a place.</summary>
    Failing,

    /// <summary>Left out on purpose by the DaemonSet's rules (a taint, a node selector, affinity); the reason says which.</summary>
    NotEligible,

    /// <summary>Runs a daemon pod although the DaemonSet's rules leave the node out.</summary>
    Misscheduled,
}

/// <summary>
/// One node of the map: its state, the daemon pod there (if any) and a sentence saying why, so that "why no pod
/// here" is read off the cell.
/// </summary>
public sealed record NodeCell(string Node, NodeState State, string? Pod, string Reason);

/// <summary>Every node of the cluster for one DaemonSet, ordered by name, and how many are in each state.</summary>
public sealed record NodeMapView(string Namespace, string Name, DateTimeOffset ObservedAt, IReadOnlyDictionary<NodeState, int> Counts, IReadOnlyList<NodeCell> Nodes);
