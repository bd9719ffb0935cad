namespace OpenFero.DaemonSet.Notifications;

/// <summary>The <c>severity</c> label's order, as kube-prometheus-stack's rules use it: none &lt; info &lt; warning &lt; critical.</summary>
public static class AlertSeverity
{
    public static readonly IReadOnlyList<string> Ordered = ["none", "info", "warning", "critical"];

    /// <summary>The rank of a severity; an unknown or missing one ranks as <c>none</c>.</summary>
    public static int Rank(string? severity) =>
        severity is null ? 0 : Math.Max(0, Ordered.ToList().FindIndex(s => string.Equals(s, severity, StringComparison.OrdinalIgnoreCase)));

    public static bool IsKnown(string severity) => Ordered.Contains(severity, StringComparer.OrdinalIgnoreCase);
}
