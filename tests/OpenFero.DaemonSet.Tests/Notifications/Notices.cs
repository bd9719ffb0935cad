using OpenFero.DaemonSet.Notifications;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>Notices of one remediation of monitoring/node-exporter, at its start and at its end.</summary>
internal static class Notices
{
    public static readonly DateTimeOffset At = new(2026, 11, 22, 23, 40, 0, TimeSpan.Zero);

    public static RemediationNotice Started(string job = "kube-daemonset-rollout-stuck-0123456789", string severity = "warning", string ns = "monitoring") =>
        new(NoticeEvent.Started, "openfero", job, "KubeDaemonSetRolloutStuck", "6f2d1a3b4c5d6e7f", severity, new DaemonSetTarget(ns, "node-exporter"), null, null, null, At);

    /// <summary>The notice of the <paramref name="count"/>th step, carrying every step up to it.</summary>
    public static RemediationNotice Step(int count) =>
        Started() with { Event = NoticeEvent.Step, Steps = [.. Enumerable.Range(1, count).Select(StepLine)] };

    public static string StepLine(int number) => number switch
    {
        1 => "23:40:05 RemediationPlanned: delete 1 stuck pod on worker-2, then wait for the rollout",
        2 => "23:40:06 StuckPodDeleted: deleted pod monitoring/node-exporter-abcde on worker-2",
        _ => $"23:40:{number:00} RolloutComplete: step {number}",
    };

    public static RemediationNotice Ended(string outcome = "rolledOut", string? verdict = "new revision cannot pull its image on 1/3 updated pods (worker-2)", string? summary = null, string job = "kube-daemonset-rollout-stuck-0123456789") =>
        Started(job) with
        {
            Event = NoticeEvent.Ended,
            Verdict = verdict,
            Outcome = outcome,
            Summary = summary ?? "monitoring/node-exporter: deleted 1 old-revision pod on worker-2; daemon set \"node-exporter\" successfully rolled out",
            Took = TimeSpan.FromMinutes(3),
        };
}
