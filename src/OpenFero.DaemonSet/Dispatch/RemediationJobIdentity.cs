using k8s.Models;
using OpenFero.DaemonSet.Alerts;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>Whether an existing Job is the one this server creates for an alert instance and Operarius.</summary>
public static class RemediationJobIdentity
{
    public static bool IsJobOf(V1Job job, string operarius, AlertContext alert) =>
        job.Metadata?.Labels is { } labels &&
        Has(labels, JobLabels.ManagedBy, JobLabels.ManagedByValue) &&
        Has(labels, JobLabels.Operarius, operarius) &&
        Has(labels, JobLabels.Fingerprint, JobLabels.LabelValue(alert.Fingerprint));

    private static bool Has(IDictionary<string, string> labels, string name, string value) =>
        labels.TryGetValue(name, out var actual) && actual == value;
}
