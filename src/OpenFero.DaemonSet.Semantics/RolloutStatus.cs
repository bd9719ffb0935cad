using k8s.Models;

namespace OpenFero.DaemonSet.Semantics;

/// <summary>What <c>kubectl rollout status</c> says of a DaemonSet: its message (with kubectl's trailing newline), done, or an error.</summary>
public sealed record RolloutStatusResult(string Message, bool Done, string? Error);

/// <summary>kubectl's <c>DaemonSetStatusViewer.Status</c>, rule for rule and word for word.</summary>
public static class RolloutStatus
{
    public const string OnDeleteError = "rollout status is only available for RollingUpdate strategy type";

    public static RolloutStatusResult Evaluate(V1DaemonSet daemonSet)
    {
        if (daemonSet.Spec.UpdateStrategy?.Type is { } type && type != "RollingUpdate")
        {
            return new RolloutStatusResult("", true, OnDeleteError);
        }

        var name = daemonSet.Metadata.Name;
        var status = daemonSet.Status;
        if ((daemonSet.Metadata.Generation ?? 0) > (status?.ObservedGeneration ?? 0))
        {
            return new RolloutStatusResult("Waiting for daemon set spec update to be observed...\n", false, null);
        }

        var desired = status?.DesiredNumberScheduled ?? 0;
        var updated = status?.UpdatedNumberScheduled ?? 0;
        var available = status?.NumberAvailable ?? 0;
        if (updated < desired)
        {
            return new RolloutStatusResult(
                $"Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {desired} new pods have been updated...\n", false, null);
        }

        if (available < desired)
        {
            return new RolloutStatusResult(
                $"Waiting for daemon set \"{name}\" rollout to finish: {available} of {desired} updated pods are available...\n", false, null);
        }

        return new RolloutStatusResult($"daemon set \"{name}\" successfully rolled out\n", true, null);
    }
}
