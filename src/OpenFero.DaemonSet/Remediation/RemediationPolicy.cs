using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The runner's guards, from configuration (<c>Remediation__DryRun=true</c>…) or the Operarius' Job template env.
/// </summary>
public sealed class RemediationPolicy
{
    public const string Section = "Runner";

    /// <summary>The annotation on a DaemonSet that opts it out: <c>openfero.io/remediation: disabled</c>.</summary>
    public const string OptOutAnnotation = "openfero.io/remediation";

    public bool DryRun { get; set; }

    /// <summary>Namespaces the runner may act in; empty means all.</summary>
    public List<string> AllowNamespaces { get; set; } = [];

    /// <summary>Namespaces the runner never acts in.</summary>
    public List<string> DenyNamespaces { get; set; } = [];

    /// <summary>Roll back a failing new revision (<c>kubectl rollout undo</c>) instead of only reporting it.</summary>
    public bool AllowUndo { get; set; }

    /// <summary>Delete the old pods of an OnDelete DaemonSet (normally left to its owners).</summary>
    public bool AllowOnDelete { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
