using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Tests.Peers;
using OpenFero.DaemonSet.Tests.Remediation;
using static OpenFero.DaemonSet.Tests.Remediation.RemediationScenarioTests;

namespace OpenFero.DaemonSet.Tests.Guards;

/// <summary>
/// The hold: before its first change the runner asks Debian's real Alertmanager 0.25 for firing alerts, and a
/// KubeNodeNotReady on one of the DaemonSet's nodes holds it; resolved, the same run acts. An Alertmanager that
/// cannot be asked holds it too, unless Alertmanager:FailOpen says to act anyway.
/// </summary>
public sealed class ClusterHoldTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_not_ready_alert_on_a_node_of_the_daemonset_holds_the_run_and_once_resolved_it_acts()
    {
        await using var guarded = await GuardedCluster.StartAsync("stuck-rollout");
        var notReady = new Dictionary<string, string> { ["alertname"] = "KubeNodeNotReady", ["node"] = "node-1", ["namespace"] = "monitoring", ["severity"] = "warning" };
        var startsAt = guarded.Cluster.Time.GetUtcNow() - TimeSpan.FromMinutes(5);
        await guarded.Alertmanager.PostAlertAsync(notReady, startsAt);
        var podsBefore = Pods(guarded.Cluster, "monitoring").Select(p => p.Metadata.Uid).Order().ToList();

        var held = await guarded.RemediateAsync("monitoring", "node-exporter");

        Assert.Equal((RemediationResult.Held, RemediationExit.Done), (held.Result, held.Exit));
        Assert.StartsWith("held: monitoring/node-exporter: ", held.TerminationMessage, StringComparison.Ordinal);
        Assert.Contains("Held: KubeNodeNotReady (node node-1) firing; nothing done", held.Summary, StringComparison.Ordinal);
        Assert.Equal(podsBefore, Pods(guarded.Cluster, "monitoring").Select(p => p.Metadata.Uid).Order().ToList());
        Assert.DoesNotContain(RemediationScenarioTests.Events(guarded.Cluster, "monitoring"), e => e.Reason == "StuckPodDeleted");
        var heldEvent = Assert.Single(RemediationScenarioTests.Events(guarded.Cluster, "monitoring"), e => e.Reason == OutcomeEvent.Held);
        Assert.Equal(("Warning", "Hold"), (heldEvent.Type, heldEvent.Action));
        Assert.False(RemediationResult.Held.ChangedTheCluster(), "a held run changed nothing: no cooldown follows it");

        await guarded.Alertmanager.PostAlertAsync(notReady, startsAt, endsAt: guarded.Cluster.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        var acted = await guarded.RemediateAsync("monitoring", "node-exporter");

        Assert.Equal(RemediationResult.RolledOut, acted.Result);
        Assert.Single(RemediationScenarioTests.Events(guarded.Cluster, "monitoring"), e => e.Reason == "StuckPodDeleted");
    }

    [Fact]
    public async Task An_alert_about_another_node_or_off_the_hold_list_does_not_hold()
    {
        await using var guarded = await GuardedCluster.StartAsync("stuck-rollout");
        var now = guarded.Cluster.Time.GetUtcNow();
        await guarded.Alertmanager.PostAlertAsync(new Dictionary<string, string> { ["alertname"] = "KubeNodeNotReady", ["node"] = "node-99" }, now);
        await guarded.Alertmanager.PostAlertAsync(new Dictionary<string, string> { ["alertname"] = "KubePodCrashLooping", ["node"] = "node-1" }, now);

        var outcome = await guarded.RemediateAsync("monitoring", "node-exporter");

        Assert.Equal(RemediationResult.RolledOut, outcome.Result);
    }

    [Fact]
    public async Task An_alertmanager_that_cannot_be_asked_holds_the_run_unless_fail_open_says_to_act()
    {
        await using var cluster = await StartAsync("stuck-rollout");
        var nobody = $"http://127.0.0.1:{PeerBinary.FreePort()}/";
        (string, string)[] unreachable = [("Alertmanager__Url", nobody), ("Alertmanager__MaxRetryAttempts", "1"), ("Alertmanager__RetryBaseDelay", "00:00:00.050")];

        var held = await RemediateAsync(cluster, "monitoring", "node-exporter", unreachable);

        Assert.Equal((RemediationResult.Held, RemediationExit.Done), (held.Result, held.Exit));
        Assert.Contains($"Held: Alertmanager at {nobody} could not be asked for firing alerts: ", held.Summary, StringComparison.Ordinal);
        Assert.Contains("(Alertmanager__FailOpen=true acts anyway)", held.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(RemediationScenarioTests.Events(cluster, "monitoring"), e => e.Reason == "StuckPodDeleted");

        var acted = await RemediateAsync(cluster, "monitoring", "node-exporter", [.. unreachable, ("Alertmanager__FailOpen", "true")]);

        Assert.Equal(RemediationResult.RolledOut, acted.Result);
        var warned = Assert.Single(RemediationScenarioTests.Events(cluster, "monitoring"), e => e.Reason == RemediationGuards.AlertmanagerUnreachable);
        Assert.Equal("Warning", warned.Type);
        Assert.EndsWith("acting anyway (Alertmanager:FailOpen)", warned.Message, StringComparison.Ordinal);
    }
}
