using k8s.Models;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The DaemonSet's counts a rung is judged against: <paramref name="Generation"/> the status must have observed,
/// the pods at least updated and available (<see cref="UpdatedAndAvailable"/>) and the pods available it must move
/// past. A restart or an undo makes a new revision, of which no pod is updated yet, and only the available count
/// carries over.
/// </summary>
public sealed record StepBaseline(long Generation, int UpdatedAvailable, int Available, int Desired)
{
    /// <summary>The counts of the DaemonSet as last read, before the rung changes anything.</summary>
    public static StepBaseline Before(V1DaemonSet? daemonSet) => new(
        daemonSet?.Metadata?.Generation ?? 0,
        UpdatedAndAvailable(daemonSet?.Status),
        daemonSet?.Status?.NumberAvailable ?? 0,
        daemonSet?.Status?.DesiredNumberScheduled ?? 0);

    /// <summary>The baseline once <paramref name="step"/> ran; <paramref name="changed"/> is the DaemonSet it wrote, if it wrote one.</summary>
    public StepBaseline After(RemediationStep step, V1DaemonSet? changed) => step switch
    {
        RemediationStep.RolloutRestart or RemediationStep.RolloutUndo => this with { Generation = changed?.Metadata?.Generation ?? Generation, UpdatedAvailable = 0 },
        _ => this,
    };

    /// <summary>
    /// How many updated pods are available at least: updated minus unavailable. An updated pod that fails as the one
    /// before it did (the same node rejects it again) moves <c>updatedNumberScheduled</c> but not this.
    /// </summary>
    public static int UpdatedAndAvailable(V1DaemonSetStatus? status) =>
        Math.Max(0, (status?.UpdatedNumberScheduled ?? 0) - (status?.NumberUnavailable ?? Math.Max(0, (status?.DesiredNumberScheduled ?? 0) - (status?.NumberAvailable ?? 0))));
}
