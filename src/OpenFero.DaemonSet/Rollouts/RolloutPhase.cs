namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// A DaemonSet rollout's state, with a progress deadline as Deployments have one: <see cref="Progressing"/> while the
/// updated or available count moved within the deadline, <see cref="Stalled"/> when neither did, <see cref="Complete"/>
/// when every desired pod is updated and available.
/// </summary>
public enum RolloutPhase
{
    Progressing,
    Stalled,
    Complete,
}

/// <summary>The state, the reason in one sentence, and when the counts last moved.</summary>
public sealed record RolloutProgress(RolloutPhase State, string Reason, DateTimeOffset LastProgressAt);
