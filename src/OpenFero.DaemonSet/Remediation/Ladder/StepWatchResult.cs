namespace OpenFero.DaemonSet.Remediation;

/// <summary>How the watch after a rung ended.</summary>
public abstract record StepWatchResult
{
    /// <summary>The rollout moved: <paramref name="How"/> says how ("updated 1 → 2 of 4", "rolled out").</summary>
    public sealed record Helped(string How) : StepWatchResult;

    /// <summary>Nothing moved within <paramref name="After"/>; <paramref name="Counts"/> are the DaemonSet's counts as last seen.</summary>
    public sealed record DidNotHelp(string Counts, TimeSpan After) : StepWatchResult;

    /// <summary>The DaemonSet was deleted meanwhile.</summary>
    public sealed record Deleted : StepWatchResult;
}
