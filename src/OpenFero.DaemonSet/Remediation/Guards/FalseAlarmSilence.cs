using System.Globalization;
using OpenFero.DaemonSet.Alertmanager;
using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// The silence of a known false alarm, with its evidence: exact matchers for the alert, namespace and DaemonSet;
/// from now until the cause is expected to be gone; a comment naming each node, its taint and when it was added.
/// Only when every cause the analysis found is benign: anything wrong beside the false alarm keeps the alert loud.
/// </summary>
public static class FalseAlarmSilence
{
    /// <summary>The silence for <paramref name="report"/>, or null when it is not a known false alarm alone.</summary>
    public static NewSilence? For(DaemonSetSnapshot snapshot, DaemonSetReport report, string alertName, TimeSpan duration, DateTimeOffset now)
    {
        var autoscaled = report.Misscheduled.Where(m => m.AutoscalerScaleDown).Select(m => m.Node).Distinct(StringComparer.Ordinal).ToList();
        if (report.Verdict.Cause != VerdictCause.AutoscalerFalseAlarm || autoscaled.Count == 0 || !report.Causes.All(c => VerdictRules.IsBenign(c.Cause)))
        {
            return null;
        }

        var evidence = autoscaled.Select(node => Evidence(snapshot, node));
        var comment = $"Known false alarm: {string.Join("; ", evidence)}. The cluster autoscaler is removing the node; the {report.Name} pod there counts as " +
            $"misscheduled until it goes. Nothing else is wrong with the rollout ({report.Verdict.Summary}).";
        return new NewSilence(Matchers(alertName, report.Namespace, report.Name), now, now + duration, FalseAlarmSilenceOptions.CreatedBy, comment);
    }

    public static IReadOnlyList<SilenceMatcher> Matchers(string alertName, string ns, string daemonSet) =>
        [new("alertname", alertName), new("namespace", ns), new("daemonset", daemonSet)];

    /// <summary>An active (or pending) silence of ours with the same matchers: silencing again would only duplicate it.</summary>
    public static Silence? Existing(IReadOnlyList<Silence> silences, NewSilence wanted) =>
        silences.FirstOrDefault(s => s.State is "active" or "pending" && s.CreatedBy == wanted.CreatedBy && s.EndsAt > wanted.StartsAt
            && s.Matchers.Count == wanted.Matchers.Count && wanted.Matchers.All(s.Matchers.Contains));

    private static string Evidence(DaemonSetSnapshot snapshot, string node)
    {
        var taint = snapshot.Nodes.FirstOrDefault(n => n.Metadata.Name == node)?.Spec?.Taints?.FirstOrDefault(t => t.Key == PlacementAnalysis.AutoscalerTaint);
        var since = taint?.TimeAdded is { } added
            ? $"added {new DateTimeOffset(DateTime.SpecifyKind(added, DateTimeKind.Utc)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}"
            : long.TryParse(taint?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? $"value {taint!.Value} ({DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)})"
                : "time not recorded";
        return $"node {node} has the taint {PlacementAnalysis.AutoscalerTaint}:{taint?.Effect ?? "NoSchedule"} ({since})";
    }
}
