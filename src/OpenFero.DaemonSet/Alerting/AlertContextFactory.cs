using System.Text;

namespace OpenFero.DaemonSet.Alerting;

/// <summary>
/// One alert becomes an <see cref="AlertContext"/>: <c>OPENFERO_&lt;LABEL&gt;</c> for every label (upper case,
/// anything outside [A-Z0-9_] becomes <c>_</c>), and the target from <c>namespace</c> + <c>daemonset</c> only —
/// the pod, instance, service and container labels of kube-state-metrics alerts name the exporter, not the
/// DaemonSet. Values are copied as data, never evaluated.
/// </summary>
public static class AlertContextFactory
{
    public const string Prefix = "OPENFERO_";

    public static AlertContext Create(AlertmanagerAlert alert, string groupKey)
    {
        var labels = alert.Labels ?? new Dictionary<string, string>();
        var environment = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            environment[VariableName(name)] = value;
        }

        var ns = labels.GetValueOrDefault("namespace");
        var daemonSet = labels.GetValueOrDefault("daemonset");
        var target = string.IsNullOrEmpty(ns) || string.IsNullOrEmpty(daemonSet) ? null : new DaemonSetTarget(ns, daemonSet);
        return new AlertContext(
            labels.GetValueOrDefault("alertname") ?? "",
            alert.Status ?? "",
            alert.Fingerprint ?? "",
            alert.StartsAt ?? DateTimeOffset.MinValue,
            groupKey,
            labels,
            alert.Annotations ?? new Dictionary<string, string>(),
            environment,
            target);
    }

    public static string VariableName(string label)
    {
        var name = new StringBuilder(Prefix, Prefix.Length + label.Length);
        foreach (var c in label.ToUpperInvariant())
        {
            name.Append(c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        return name.ToString();
    }
}
