namespace OpenFero.DaemonSet.Dispatch;

/// <summary>What came of looking at one Job's follow-ups.</summary>
public abstract record FollowUpResult
{
    public sealed record Nothing : FollowUpResult;

    public sealed record Waiting(FollowUpClaim HeldBy) : FollowUpResult;

    public sealed record Recorded(IReadOnlyList<FollowUpStep> Steps) : FollowUpResult;

    /// <summary>The step failed after the pipeline's retries; this replica keeps its claim and tries again at the next resync.</summary>
    public sealed record Failed(FollowUpStep Step, Exception Error) : FollowUpResult;
}
