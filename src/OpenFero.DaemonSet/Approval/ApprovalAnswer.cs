using k8s.Models;

namespace OpenFero.DaemonSet.Approval;

/// <summary>Why a Job could not be approved.</summary>
public enum ApprovalRefusalKind
{
    /// <summary>There is no such Job in the remediation namespace.</summary>
    NotFound,

    /// <summary>The Job is not one of this program's, is not suspended, or carries no plan.</summary>
    NotWaiting,

    /// <summary>The Job waited longer than the approval timeout.</summary>
    Expired,
}

/// <summary>What approving a Job came to: approved (the Job as patched), or refused with the reason for a person.</summary>
public abstract record ApprovalAnswer
{
    private ApprovalAnswer()
    {
    }

    public sealed record Approved(V1Job Job) : ApprovalAnswer;

    public sealed record Refused(string Message, ApprovalRefusalKind Kind) : ApprovalAnswer;
}
