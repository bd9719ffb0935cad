using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Which Operarius answers an alert: enabled (unset means enabled), same alert name, same status as this alert
/// (not the group's), every selector label equal; the highest priority wins, and among equals the first name
/// in ordinal order, so every replica picks the same one.
/// </summary>
public static class OperariusMatcher
{
    public static Operarius? Match(AlertContext alert, IEnumerable<Operarius> operarii) =>
        operarii
            .Where(o => o.Spec.Enabled != false)
            .Where(o => o.Spec.AlertSelector.Alertname == alert.AlertName && o.Spec.AlertSelector.Status == alert.Status)
            .Where(o => (o.Spec.AlertSelector.Labels ?? []).All(l => alert.Labels.TryGetValue(l.Key, out var value) && value == l.Value))
            .OrderByDescending(o => o.Spec.Priority ?? 0)
            .ThenBy(o => o.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
}
