using System.ComponentModel.DataAnnotations;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The runner's guards, from configuration (<c>Runner__DryRun=true</c>…) or the Operarius' Job template env.
/// </summary>
public sealed class RemediationPolicy : IValidatableObject
{
    public const string Section = "Runner";

    /// <summary>The annotation on a DaemonSet that opts it out: <c>openfero.io/remediation: disabled</c>.</summary>
    public const string OptOutAnnotation = "openfero.io/remediation";

    /// <summary>Kubernetes' default <c>terminationMessagePath</c>: the kubelet creates it in every container.</summary>
    public const string DefaultTerminationMessagePath = "/dev/termination-log";

    /// <summary>The namespace acted in only when listed in <see cref="AllowNamespaces"/>: its agents keep the cluster running.</summary>
    public const string SystemNamespace = "kube-system";

    public bool DryRun { get; set; }

    /// <summary>
    /// Analyse and report only (the log, the termination message, one Event): the outcome is <c>analyzed</c> and
    /// nothing in the cluster is changed. The built-in Operarii of KubeDaemonSetNotScheduled and
    /// KubeDaemonSetMisScheduled run so.
    /// </summary>
    public bool AnalyzeOnly { get; set; }

    /// <summary>
    /// When the verdict is misscheduled pods, delete those the DaemonSet controller itself would delete (the node no
    /// longer matches the template's nodeName, nodeSelector or required node affinity, or has an untolerated
    /// NoExecute taint), within the update budget; pods kept running by Kubernetes (an untolerated NoSchedule taint)
    /// are kept. Off by default.
    /// </summary>
    public bool DeleteMisscheduledPods { get; set; }

    /// <summary>Namespaces the runner may act in; empty means all but <c>kube-system</c>.</summary>
    public List<string> AllowNamespaces { get; set; } = [];

    /// <summary>Namespaces the runner never acts in.</summary>
    public List<string> DenyNamespaces { get; set; } = [];

    /// <summary>Roll back a failing new revision (<c>kubectl rollout undo</c>) instead of only reporting it.</summary>
    public bool AllowUndo { get; set; }

    /// <summary>Delete the old pods of an OnDelete DaemonSet (normally left to their owners).</summary>
    public bool AllowOnDelete { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a batch of deleted pods may take to be replaced by available pods before the run stops.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long the run watches for the rollout to move after each rung of the ladder (a deletion, a restart, an
    /// undo); a rung after which nothing moved stops the run instead of going on to the next.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StepProgressTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where the run's one-paragraph outcome goes, for <c>kubectl describe pod</c> and the Job's status.</summary>
    [Required]
    public string TerminationMessagePath { get; set; } = DefaultTerminationMessagePath;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AnalyzeOnly && DeleteMisscheduledPods)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(DeleteMisscheduledPods)} needs {Section}:{nameof(AnalyzeOnly)} false: an analysis-only run changes nothing",
                [nameof(DeleteMisscheduledPods), nameof(AnalyzeOnly)]);
        }
    }

    /// <summary>Not denied, and either listed or, with no list, anything but <c>kube-system</c>.</summary>
    public bool AllowsNamespace(string @namespace) =>
        !DenyNamespaces.Contains(@namespace, StringComparer.Ordinal) &&
        (AllowNamespaces.Contains(@namespace, StringComparer.Ordinal) || (AllowNamespaces.Count == 0 && @namespace != SystemNamespace));
}
