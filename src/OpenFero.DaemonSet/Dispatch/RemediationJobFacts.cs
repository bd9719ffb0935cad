using System.Globalization;
using k8s.Models;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// What the follow-ups of a remediation Job need, read from the Job itself so any replica can do them at any time:
/// the Operarius, the alert and the target DaemonSet. Annotations carry the full values (label values are cut at 63
/// characters); Jobs that only have the labels are read from those. <see cref="State"/> is the Job's, as this copy of it says.
/// </summary>
public sealed record RemediationJobFacts(string Job, string? Operarius, string AlertName, string Fingerprint, DateTimeOffset? StartsAt, DaemonSetTarget? Target, JobState State)
{
    public const string OperariusAnnotation = "openfero.io/operarius";
    public const string AlertAnnotation = "openfero.io/alert";
    public const string FingerprintAnnotation = "openfero.io/fingerprint";
    public const string TargetAnnotation = "openfero.io/daemonset-target";

    /// <summary>The annotations <see cref="RemediationJobBuilder"/> puts on the Job for <paramref name="alert"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Annotations(string operarius, AlertContext alert)
    {
        yield return new(OperariusAnnotation, operarius);
        yield return new(AlertAnnotation, alert.AlertName);
        yield return new(FingerprintAnnotation, alert.Fingerprint);
        if (alert.Target is { } target)
        {
            yield return new(TargetAnnotation, target.ToString());
        }
    }

    public static RemediationJobFacts Of(V1Job job)
    {
        var labels = job.Metadata.Labels ?? new Dictionary<string, string>();
        var annotations = job.Metadata.Annotations ?? new Dictionary<string, string>();
        string? Read(string annotation, string label) =>
            annotations.TryGetValue(annotation, out var full) ? full : labels.TryGetValue(label, out var cut) ? cut : null;

        return new RemediationJobFacts(
            job.Metadata.Name,
            Read(OperariusAnnotation, JobLabels.Operarius),
            Read(AlertAnnotation, JobLabels.Alert) ?? "",
            Read(FingerprintAnnotation, JobLabels.Fingerprint) ?? "",
            annotations.TryGetValue(JobLabels.StartsAtAnnotation, out var startsAt)
                && DateTimeOffset.TryParse(startsAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : null,
            TargetOf(annotations, labels),
            JobStates.Of(job));
    }

    private static DaemonSetTarget? TargetOf(IDictionary<string, string> annotations, IDictionary<string, string> labels)
    {
        if (annotations.TryGetValue(TargetAnnotation, out var target) && target.Split('/') is [{ Length: > 0 } ns, { Length: > 0 } name])
        {
            return new DaemonSetTarget(ns, name);
        }

        return labels.TryGetValue(JobLabels.DaemonSetNamespace, out var labelNs) && labels.TryGetValue(JobLabels.DaemonSet, out var labelName)
            ? new DaemonSetTarget(labelNs, labelName)
            : null;
    }
}
