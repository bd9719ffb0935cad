using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Tests.Analysis;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>Hand-made reports for the pure planner tests: the causes given, ordered as the analysis orders them.</summary>
internal static class Reports
{
    public static readonly RolloutReport Done = new("daemon set \"agent\" successfully rolled out", true, null, RolloutState.Done, 0);

    public static readonly RolloutReport Stalled = new("Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated...", false, null, RolloutState.Stalled, 0);

    public static readonly RolloutReport OnDelete = new("", true, "rollout status is only available for RollingUpdate strategy type", RolloutState.NotTrackable, 0);

    public static DaemonSetReport Of(RolloutReport rollout, params VerdictCause[] causes)
    {
        var ordered = causes.OrderBy(VerdictRules.Severity).Select(c => new Verdict(c, $"{c} summary")).ToList();
        var status = new StatusReport(3, 3, 2, 1, 2, 0, 1, 2, 2, "RollingUpdate", "1", "0", 1, 0, "abc123");
        return new DaemonSetReport("default", "agent", Snapshots.Now, ordered[0], ordered, status, rollout, [], [], [], [], []);
    }
}
