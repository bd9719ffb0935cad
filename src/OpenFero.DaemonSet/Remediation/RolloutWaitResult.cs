namespace OpenFero.DaemonSet.Remediation;

/// <summary>How waiting for a DaemonSet rollout ended, with kubectl's last words about it.</summary>
public abstract record RolloutWaitResult(string LastMessage)
{
    public sealed record RolledOut(string Message) : RolloutWaitResult(Message);

    public sealed record TimedOut(string Message, TimeSpan After) : RolloutWaitResult(Message);

    /// <summary>kubectl refuses to judge the rollout (an OnDelete DaemonSet).</summary>
    public sealed record NotTrackable(string Error) : RolloutWaitResult(Error);

    public sealed record Deleted(string Message) : RolloutWaitResult(Message);
}
