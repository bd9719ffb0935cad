using OpenFero.DaemonSet.Notifications;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>Notices as the remediation path makes them for the stuck node-exporter rollout: a start, and ends with a verdict and a summary.</summary>
internal static class SampleNotices
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);

    /// <summary>The start of a remediation of an alert labelled <paramref name="severity"/>.</summary>
    public static RemediationNotice Started(string? severity) =>
        new(NoticeEvent.Started, "openfero", "openfero-kubedaemonsetrolloutstuck-5f1c2a9e", "KubeDaemonSetRolloutStuck", "8f3e2c1d0a9b7c6d",
            severity, new DaemonSetTarget("monitoring", "node-exporter"), null, null, null, At);

    /// <summary><paramref name="count"/> ends, each of its own Job.</summary>
    public static RemediationNotice[] Ended(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new RemediationNotice(
            NoticeEvent.Ended, "openfero", $"openfero-kubedaemonsetrolloutstuck-{i:x8}", "KubeDaemonSetRolloutStuck", $"{i:x16}", "warning",
            new DaemonSetTarget("monitoring", $"node-exporter-{i}"), "StuckTerminating: 1 pod terminating for 12m on node worker-3",
            "rolledOut", "Verdict StuckTerminating. Plan: delete pod node-exporter-x7k2p (UID-conditioned). Done: deleted 1 pod; rollout complete in 41s.",
            At.AddMinutes(1), TimeSpan.FromSeconds(58)))];
}
