namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Whether a destination hears of a remediation: by alert name, DaemonSet namespace and lowest severity; a route that
/// names outcomes hears only of the ends with those outcomes (a start cannot know its outcome).
/// </summary>
public static class DestinationRoute
{
    public static bool Allows(DestinationOptions route, RemediationNotice notice) =>
        Within(route.AlertNames, notice.AlertName)
        && Within(route.Namespaces, notice.Target?.Namespace)
        && AlertSeverity.Rank(notice.Severity) >= AlertSeverity.Rank(route.MinSeverity)
        && (route.Outcomes.Count == 0 || (notice.Event == NoticeEvent.Ended && Within(route.Outcomes, notice.Outcome)));

    private static bool Within(List<string> allowed, string? value) =>
        allowed.Count == 0 || (value is not null && allowed.Contains(value, StringComparer.OrdinalIgnoreCase));
}
