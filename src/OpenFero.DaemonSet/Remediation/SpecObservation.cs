using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Remediation;

/// <summary>
/// Whether the runner reads the DaemonSet again before planning: while the controller has not observed the latest
/// spec, its status describes the past, so judging it now would judge the past. After <see cref="Checks"/> waits of
/// <see cref="Interval"/> the runner plans with what it has (the plan for an unobserved spec is a rollout wait).
/// </summary>
public static class SpecObservation
{
    public const int Checks = 30;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait before reading again, or null to plan now; <paramref name="waited"/> counts the waits so far.</summary>
    public static TimeSpan? WaitBeforeJudging(DaemonSetReport report, int waited) =>
        report.Verdict.Cause == VerdictCause.SpecNotObserved && waited < Checks ? Interval : null;
}
