namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// What is wrong with a DaemonSet and why: one typed report for the server, the runner and a person. <see cref="Causes"/>
/// holds every cause found, most severe first (see <see cref="VerdictRules"/>); <see cref="Verdict"/> is the first.
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
    IReadOnlyList<HealthFinding> Health);

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

/// <summary>Why a pod is not (or no longer) doing its job; <see cref="Healthy"/> when it is.</summary>
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
    IReadOnlyDictionary<string, string>? Limits);

public sealed record MisscheduledPod(string Pod, string Node, string Rule, string Detail, bool WillBeDeleted, bool AutoscalerScaleDown);

public enum UnscheduledReason
{
    NoPodCreated,
    InsufficientResources,
    HostPortTaken,
    NodeNotReady,
    NodeUnschedulable,
    Pending,
}

public sealed record UnscheduledNode(string Node, UnscheduledReason Reason, string Detail, string? Pod);

public sealed record ExcludedNode(string Node, string Rule, string Detail);

public enum Severity
{
    Info,
    Warning,
    Critical,
}

public sealed record HealthFinding(string Code, Severity Severity, string Message, string Recommendation);
