namespace OpenFero.DaemonSet.Notifications;

/// <summary>The <c>severity</c> label's order, as kube-prometheus-stack's rules use it: none &lt; info &lt; warning &lt; critical.</summary>
public static class AlertSeverity
{
    public static readonly IReadOnlyList<string> Ordered = ["none", "info", "warning", "critical"];

    /// <summary>The rank of a severity; an unknown or missing one ranks as <c>none</c>. Read on every notice offered, so it allocates nothing.</summary>
    public static int Rank(string? severity)
    {
        for (var rank = Ordered.Count - 1; rank > 0 && severity is not null; rank--)
        {
            if (string.Equals(Ordered[rank], severity, StringComparison.OrdinalIgnoreCase))
            {
                return rank;
            }
        }

        return 0;
    }

    public static bool IsKnown(string severity) => Ordered.Contains(severity, StringComparer.OrdinalIgnoreCase);
}
