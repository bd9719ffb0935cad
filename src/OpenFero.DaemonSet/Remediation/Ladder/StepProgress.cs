using k8s.Models;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Whether a rung helped: the rollout completed, or the controller moved it on (more pods updated and available, or
/// more pods available, than the <see cref="StepBaseline"/>). A status that has not observed the rung's generation says nothing yet.
/// </summary>
public static class StepProgress
{
    /// <summary>How it moved, in words ("updated 1 → 2 of 4"); null while it has not moved.</summary>
    public static string? Moved(V1DaemonSet daemonSet, StepBaseline baseline)
    {
        var status = daemonSet.Status;
        if (status is null || (status.ObservedGeneration ?? 0) < baseline.Generation)
        {
            return null;
        }

        var updated = StepBaseline.UpdatedAndAvailable(status);
        var available = status.NumberAvailable ?? 0;
        var desired = status.DesiredNumberScheduled;
        return (RolloutStatus.Evaluate(daemonSet).Done, updated > baseline.UpdatedAvailable, available > baseline.Available) switch
        {
            (true, _, _) => "rolled out",
            (_, true, _) => $"updated and available {baseline.UpdatedAvailable} → {updated} of {desired}",
            (_, _, true) => $"available {baseline.Available} → {available} of {desired}",
            _ => null,
        };
    }

    /// <summary>The counts as last seen, for a rung that did not help: "0 of 4 updated, 3 of 4 available".</summary>
    public static string Counts(V1DaemonSet? daemonSet, StepBaseline baseline) => daemonSet?.Status is { } status
        ? $"{status.UpdatedNumberScheduled ?? 0} of {status.DesiredNumberScheduled} updated, {status.NumberAvailable ?? 0} of {status.DesiredNumberScheduled} available"
        : $"{baseline.UpdatedAvailable} of {baseline.Desired} updated and available, {baseline.Available} of {baseline.Desired} available";
}
