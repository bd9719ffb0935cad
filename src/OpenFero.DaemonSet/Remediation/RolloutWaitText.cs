using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>Why a wait for the rollout ended without one, in words, with kubectl's last.</summary>
public static class RolloutWaitText
{
    public static string Describe(RolloutWaitResult waited) => waited switch
    {
        RolloutWaitResult.TimedOut late => $"the rollout did not finish within {HumanDuration.Format(late.After)}" + Last(late.Message),
        RolloutWaitResult.NotTrackable untrackable => $"kubectl cannot judge the rollout: {untrackable.Error}",
        RolloutWaitResult.Deleted => "the DaemonSet was deleted while waiting for the rollout",
        _ => waited.LastMessage,
    };

    private static string Last(string message) => message.Length == 0 ? "" : $" (last: {message})";
}
