namespace OpenFero.DaemonSet.Rollouts;

/// <summary>What a watch saw of a DaemonSet at one moment: enough to tell which triggers a change makes.</summary>
public sealed record RolloutMoment(RolloutPhase Phase, long? Revision, RolloutCounts Counts, int Steps, int Misscheduled);

/// <summary>The triggers between two moments of a DaemonSet. The first sight makes none: a restart is not an event of the cluster.</summary>
public static class RolloutTriggers
{
    public static IEnumerable<RolloutTrigger> Between(RolloutMoment? before, RolloutMoment after)
    {
        if (before is null)
        {
            yield break;
        }

        var started = before.Revision != after.Revision;
        if (started)
        {
            yield return RolloutTrigger.RolloutStarted;
        }
        else if (after.Phase != RolloutPhase.Complete && (after.Steps > before.Steps || after.Counts != before.Counts))
        {
            yield return RolloutTrigger.RolloutProgressed;
        }

        if (after.Phase != before.Phase && after.Phase == RolloutPhase.Stalled)
        {
            yield return RolloutTrigger.RolloutStalled;
        }

        if (after.Phase != before.Phase && after.Phase == RolloutPhase.Complete)
        {
            yield return RolloutTrigger.RolloutCompleted;
        }

        if (before.Misscheduled == 0 && after.Misscheduled > 0)
        {
            yield return RolloutTrigger.MisscheduledPods;
        }
    }
}
