using OpenFero.DaemonSet.History;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>Remediation records as the history shows them: one per Job, ended, each for its own DaemonSet.</summary>
internal static class SampleRecords
{
    private static readonly DateTime Created = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);

    /// <summary><paramref name="count"/> records of distinct Jobs, made as they are enumerated.</summary>
    public static IEnumerable<RemediationRecord> Create(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new RemediationRecord(
                $"openfero-kubedaemonsetrolloutstuck-{i:x8}", "restart-stuck-pods", "KubeDaemonSetRolloutStuck", $"{i:x16}", $"monitoring/node-exporter-{i}",
                "succeeded", Created.AddSeconds(i), Created.AddSeconds(i + 2), Created.AddSeconds(i + 60),
                "StuckTerminating: 1 pod terminating for 12m on node worker-3", "rolledOut", "Deleted 1 pod; rollout complete in 41s.");
        }
    }

    /// <summary>The record of the same Job as <paramref name="record"/> in another state: a change the feed takes note of.</summary>
    public static RemediationRecord Changed(RemediationRecord record, int change) =>
        record with { State = "running", Completed = null, Outcome = null, OutcomeMessage = $"step {change}" };
}
