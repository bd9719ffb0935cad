namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// What is wrong with a DaemonSet and why: one typed report for the server, the runner and a person. <c>causes</c>
/// holds every cause found, most severe first (see <see cref="VerdictRules"/>); <c>verdict</c> is the first.
/// </summary>
public sealed record DaemonSetReport(
    string Namespace,
    string Name,
    DateTimeOffset AnalyzedAt,
    Verdict Verdict,
    IReadOnlyList<Verdict> Causes,
    StatusReport? Status,
    RolloutReport? Rollout,
    IReadOnlyList<PodReport> Pods,
    IReadOnlyList<MisscheduledPod> Misscheduled,
    IReadOnlyList<UnscheduledNode> NotScheduled,
    IReadOnlyList<ExcludedNode> ExcludedNodes,
    IReadOnlyList<HealthFinding> Health)
{
    /// <summary>
    /// Nodes whose only daemon pods are terminating: the controller creates the new pod once the old one is gone.
    /// These nodes are not in <c>notScheduled</c>, which names nodes where no daemon pod runs or is placed.
    /// </summary>
    public IReadOnlyList<NodeAwaitingOldPod> WaitingForOldPod { get; init; } = [];

    /// <summary>The DaemonSet's configuration and revision history; absent when <c>ShowDetails</c> (or the status enricher) is off.</summary>
    public DaemonSetDetails? Details { get; init; }

    /// <summary>
    /// Why the pods' measured usage is missing — metrics.k8s.io absent (404) or failing (503) — when the pod analysis
    /// asked for it; everything else in the report stands.
    /// </summary>
    public string? UsageUnavailable { get; init; }

    /// <summary>The health trends from Prometheus; absent unless <c>IncludeMetrics</c> is on, <c>Prometheus:Url</c> set and Prometheus answered.</summary>
    public TrendsReport? Trends { get; init; }

    /// <summary>Why the trends are missing (Prometheus unreachable, too slow, or answering an error); everything else in the report stands.</summary>
    public string? TrendsUnavailable { get; init; }
}

public enum VerdictCause
{
    RolledOut,
    Progressing,
    SpecNotObserved,
    OldPodsCannotRun,
    NewRevisionFailing,
    InsufficientResources,
    HostPortConflict,
    NodeNotReady,
    UntoleratedTaint,
    AutoscalerFalseAlarm,
    Misscheduled,
    OnDeleteWaiting,
    Stalled,
    PodCreationRefused,
}

/// <summary>A cause in one line; as the report's verdict, the most severe one.</summary>
public sealed record Verdict(VerdictCause Cause, string Summary);

public sealed record StatusReport(
    int Desired,
    int Current,
    int Ready,
    int Updated,
    int Available,
    int Misscheduled,
    int Unavailable,
    long Generation,
    long ObservedGeneration,
    string Strategy,
    string? MaxUnavailable,
    string? MaxSurge,
    int ResolvedMaxUnavailable,
    int ResolvedMaxSurge,
    string? Revision);

public enum RolloutState
{
    Done,
    Progressing,
    Stalled,
    SpecNotObserved,
    NotTrackable,
}

public sealed record RolloutReport(string Message, bool Done, string? Error, RolloutState State, int UpdatedSinceAlert);

/// <summary>Why a pod is not (or no longer) doing its job; <c>healthy</c> when it is.</summary>
public enum PodCondition
{
    Healthy,
    Starting,
    NotReady,
    ContainerCreating,
    ErrImagePull,
    ImagePullBackOff,
    CrashLoopBackOff,
    OOMKilled,
    Unschedulable,
    Unknown,
    Terminating,
    TerminatingTooLong,
    Evicted,
    Failed,
}

/// <summary>
/// One daemon pod. <c>phase</c> is the Kubernetes phase (Pending, Running, Succeeded, Failed, Unknown); <c>terminating</c>
/// says a deletion is pending (deletionTimestamp set); <c>status</c> is what kubectl's STATUS column shows: Terminating
/// while a deletion is pending, else a container's waiting or terminated reason (CrashLoopBackOff, ImagePullBackOff…),
/// else the phase.
/// </summary>
public sealed record PodReport(
    string Name,
    string Uid,
    string? Node,
    string Phase,
    bool Ready,
    int Restarts,
    PodCondition Condition,
    string? Message,
    bool Updated,
    TimeSpan Age,
    IReadOnlyDictionary<string, string>? Requests,
    IReadOnlyDictionary<string, string>? Limits)
{
    public bool Terminating { get; init; }

    public string Status { get; init; } = Phase;

    /// <summary>What metrics.k8s.io measured (cpu, memory), beside <c>requests</c> and <c>limits</c>; null when not measured.</summary>
    public IReadOnlyDictionary<string, string>? Usage { get; init; }

    /// <summary>Set when a container uses 90 % or more of its memory limit: it is OOM-killed when it reaches it.</summary>
    public MemoryNearLimit? NearMemoryLimit { get; init; }
}

/// <summary>A container at <c>percent</c> % of its memory limit (90 % or more).</summary>
public sealed record MemoryNearLimit(string Container, string Usage, string Limit, int Percent);

public sealed record MisscheduledPod(string Pod, string Node, string Rule, string Detail, bool WillBeDeleted, bool AutoscalerScaleDown);

public enum UnscheduledReason
{
    NoPodCreated,
    CreationRefused,
    InsufficientResources,
    HostPortTaken,
    NodeNotReady,
    NodeUnschedulable,
    Pending,
}

public sealed record UnscheduledNode(string Node, UnscheduledReason Reason, string Detail, string? Pod)
{
    /// <summary>For <c>creationRefused</c>: what the API server answers the DaemonSet controller's creates, and what to do.</summary>
    public CreationRefusal? Refusal { get; init; }
}

/// <summary>A node whose new daemon pod waits for <c>pod</c>, the old one, to finish terminating.</summary>
public sealed record NodeAwaitingOldPod(string Node, string Pod, PodCondition Condition, string? Message);

public sealed record ExcludedNode(string Node, string Rule, string Detail);

public enum Severity
{
    Info,
    Warning,
    Critical,
}

public sealed record HealthFinding(string Code, Severity Severity, string Message, string Recommendation);
