namespace OpenFero.DaemonSet.Remediation;

/// <summary>How a run of pod deletions ended.</summary>
public abstract record PodDeletionResult(int Deleted)
{
    public sealed record Done(int Count) : PodDeletionResult(Count);

    /// <summary>A batch's replacements were not available in time: the batches after it were left alone.</summary>
    public sealed record ReplacementTimedOut(int Count, IReadOnlyList<string> Nodes, TimeSpan After) : PodDeletionResult(Count);
}
