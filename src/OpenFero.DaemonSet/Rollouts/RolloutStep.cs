namespace OpenFero.DaemonSet.Rollouts;

/// <summary>What happened in a rollout, in the order a DaemonSet's RollingUpdate does it on each node.</summary>
public enum RolloutStepKind
{
    RolloutStarted,
    OldPodDeleted,
    NewPodCreated,
    NewPodReady,
    NewPodAvailable,
    RolloutComplete,
}

/// <summary>One step of a rollout: when, what, and on which node and pod (none for the rollout's own start and end).</summary>
public sealed record RolloutStep(DateTimeOffset At, RolloutStepKind Kind, string? Node, string? Pod);
