using k8s.Models;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>What a replica does with a Job's follow-ups, decided from the Job as it sees it.</summary>
public abstract record FollowUpDecision
{
    /// <summary>Nothing is due; or the copy shows this replica's own claim, already released, and a newer copy is on its way.</summary>
    public sealed record Nothing : FollowUpDecision;

    /// <summary>Nobody works on the Job (or its claim has expired): take it, then do <paramref name="Steps"/>.</summary>
    public sealed record Claim(IReadOnlyList<FollowUpStep> Steps, FollowUpClaim? Expired) : FollowUpDecision;

    /// <summary>This replica holds the claim from an earlier attempt that failed: do <paramref name="Steps"/>.</summary>
    public sealed record Continue(IReadOnlyList<FollowUpStep> Steps) : FollowUpDecision;

    /// <summary>Another replica works on the Job; if it stops, its claim expires and a resync takes it over.</summary>
    public sealed record Wait(FollowUpClaim HeldBy) : FollowUpDecision;

    /// <param name="holder">This replica.</param>
    /// <param name="holding">Whether this replica holds a claim on the Job that it has not released.</param>
    public static FollowUpDecision For(V1Job job, string holder, bool holding, DateTimeOffset now, TimeSpan claimTimeout)
    {
        var steps = FollowUpSteps.Pending(job);
        if (steps.Count == 0)
        {
            return new Nothing();
        }

        return FollowUpSteps.Claim(job) switch
        {
            null => new Claim(steps, null),
            { } mine when mine.Holder == holder => holding ? new Continue(steps) : new Nothing(),
            { } expired when expired.At + claimTimeout <= now => new Claim(steps, expired),
            { } other => new Wait(other),
        };
    }
}
