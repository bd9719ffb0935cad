using k8s.Models;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// Everything the analysis reads, read once: the DaemonSet, its pods, every node, the other pods on nodes where a
/// daemon pod waits (for their requests and host ports), the current revision's hash, and when the alert began;
/// the DaemonSet's own revisions (its history) and its FailedCreate Events beside them.
/// </summary>
public sealed record DaemonSetSnapshot(
    V1DaemonSet DaemonSet,
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyList<V1Node> Nodes,
    IReadOnlyList<V1Pod> OtherPodsOnWaitingNodes,
    string? CurrentRevisionHash,
    DateTimeOffset? AlertStartedAt)
{
    /// <summary>The ControllerRevisions the DaemonSet owns, in any order.</summary>
    public IReadOnlyList<V1ControllerRevision> Revisions { get; init; } = [];

    /// <summary>What metrics.k8s.io measured for its pods (one PodMetrics per pod with a running container).</summary>
    public IReadOnlyList<PodMetrics> Usage { get; init; } = [];

    /// <summary>
    /// The DaemonSet's FailedCreate Events (the API server refusing its controller's pod creates): read only when a
    /// node that should run a daemon pod has none.
    /// </summary>
    public IReadOnlyList<Corev1Event> FailedCreates { get; init; } = [];

    /// <summary>Why the usage could not be read (metrics.k8s.io missing or failing); null when it was, or was not asked for.</summary>
    public string? UsageUnavailable { get; init; }

    /// <summary>The health trends Prometheus answered, or why it did not; null when they were not asked for.</summary>
    public TrendsRead? Trends { get; init; }
}
