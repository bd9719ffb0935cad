using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Approval;

/// <summary>Whether a remediation Job waits for a person before it runs.</summary>
public enum ApprovalMode
{
    /// <summary>The Job runs as soon as it is created.</summary>
    None,

    /// <summary>The Job is created suspended with its plan; a person unsuspends it (approves) or deletes it (declines).</summary>
    Required,
}

/// <summary>
/// <c>Remediation:Approval</c> and <c>Remediation:ApprovalTimeout</c>: the server's default, which an Operarius'
/// annotation <c>openfero.io/approval: required|none</c> overrides, and how long a Job waits for approval.
/// </summary>
public sealed class ApprovalOptions
{
    public const string Section = "Remediation";

    public ApprovalMode Approval { get; set; } = ApprovalMode.None;

    /// <summary>After this long unapproved, the Job is deleted and its outcome is <c>expired</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(1);
}
