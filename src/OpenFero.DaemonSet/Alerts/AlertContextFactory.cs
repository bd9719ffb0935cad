using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Alerts;

/// <summary>
/// One alert becomes an <see cref="AlertContext"/>: <c>OPENFERO_&lt;LABEL&gt;</c> for every label (upper case,
/// anything outside [A-Z0-9_] becomes <c>_</c>), and the target from <c>namespace</c> + <c>daemonset</c> only —
/// the pod, instance, service and container labels of kube-state-metrics alerts name the exporter, not the
/// DaemonSet. Values are copied as data, never evaluated. An alert sent without a fingerprint (by OpenFero's test
/// alerts or by hand) gets the one Alertmanager would have given its labels.
/// </summary>
/// <remarks>
/// Labels whose names differ only in case or punctuation (<c>NAMESPACE</c> and <c>namespace</c>) map to the same
/// variable. One rule decides, whatever order the labels arrive in: the label whose name is the variable's own
/// name in lower case wins (<c>namespace</c> for <c>OPENFERO_NAMESPACE</c>); failing that, the first all
/// lower-case name in ordinal order; failing that, the first name in ordinal order. So
/// <c>OPENFERO_NAMESPACE</c> and <c>OPENFERO_DAEMONSET</c> always hold the target labels' values, the same
/// target the Job's labels, its Lease and the Operarius' selectors see. Each collision is reported in
/// <see cref="AlertContext.Warnings"/>, and so in the webhook's answer for that alert.
/// </remarks>
public static class AlertContextFactory
{
    public const string Prefix = "OPENFERO_";

    /// <param name="delivery">The body the alert came in, kept by reference for the Operarius' templates.</param>
    public static AlertContext Create(AlertmanagerAlert alert, string groupKey, AlertmanagerWebhook? delivery = null)
    {
        var labels = alert.Labels ?? new Dictionary<string, string>();
        var environment = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        List<string>? warnings = null;

        // Sorted by variable, then label name: the labels that map to one variable are neighbours, in the order
        // the rule below takes them, and the variables are set in ordinal order.
        var pairs = new (string Variable, string Label)[labels.Count];
        var count = 0;
        foreach (var label in labels.Keys)
        {
            pairs[count++] = (VariableName(label), label);
        }

        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Variable, b.Variable) is var byVariable and not 0 ? byVariable : string.CompareOrdinal(a.Label, b.Label));
        for (var start = 0; start < pairs.Length;)
        {
            var variable = pairs[start].Variable;
            var end = start + 1;
            while (end < pairs.Length && string.Equals(pairs[end].Variable, variable, StringComparison.Ordinal))
            {
                end++;
            }

            if (end - start == 1)
            {
                environment[variable] = labels[pairs[start].Label];
            }
            else
            {
                var names = pairs[start..end].Select(p => p.Label).ToList();
                var winner = Winner(variable, names);
                environment[variable] = labels[winner];
                (warnings ??= []).Add(Collision(variable, names, winner));
            }

            start = end;
        }

        var ns = labels.GetValueOrDefault("namespace");
        var daemonSet = labels.GetValueOrDefault("daemonset");
        var target = string.IsNullOrEmpty(ns) || string.IsNullOrEmpty(daemonSet) ? null : new DaemonSetTarget(ns, daemonSet);
        return new AlertContext(
            labels.GetValueOrDefault("alertname") ?? "",
            alert.Status ?? "",
            string.IsNullOrEmpty(alert.Fingerprint) ? LabelSetFingerprint.Of(labels) : alert.Fingerprint,
            alert.StartsAt ?? DateTimeOffset.MinValue,
            groupKey,
            labels,
            alert.Annotations ?? new Dictionary<string, string>(),
            environment,
            target)
        {
            Warnings = warnings ?? [],
            Source = alert,
            Delivery = delivery,
        };
    }

    public static string VariableName(string label) =>
        string.Create(Prefix.Length + label.Length, label, static (name, label) =>
        {
            Prefix.CopyTo(name);
            for (var i = 0; i < label.Length; i++)
            {
                var c = char.ToUpperInvariant(label[i]);
                name[Prefix.Length + i] = c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ? c : '_';
            }
        });

    /// <summary>Among the label names mapping to one variable, the one whose value it takes (the rule above).</summary>
    public static string Winner(string variable, IEnumerable<string> names)
    {
        var own = variable[Prefix.Length..].ToLowerInvariant();
        var ordered = names.Order(StringComparer.Ordinal).ToList();
        return ordered.FirstOrDefault(n => string.Equals(n, own, StringComparison.Ordinal))
            ?? ordered.FirstOrDefault(n => string.Equals(n, n.ToLowerInvariant(), StringComparison.Ordinal))
            ?? ordered[0];
    }

    private static string Collision(string variable, List<string> names, string winner) => names.Count == 2
        ? $"labels {names[0]} and {names[1]} both map to {variable}; {winner} wins"
        : $"labels {string.Join(", ", names[..^1])} and {names[^1]} all map to {variable}; {winner} wins";
}
