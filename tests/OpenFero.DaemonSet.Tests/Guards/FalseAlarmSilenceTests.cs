using System.Globalization;
using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Store;
using OpenFero.DaemonSet.Tests.Analysis;
using OpenFero.DaemonSet.Tests.Remediation;
using static OpenFero.DaemonSet.Tests.Remediation.RemediationScenarioTests;

namespace OpenFero.DaemonSet.Tests.Guards;

/// <summary>
/// The silence of a known false alarm, created in Debian's real Alertmanager 0.25: exact matchers for the alert,
/// namespace and DaemonSet, our name, an hour, the node's taint as evidence; once, not again while it holds; never
/// when anything else is wrong, and never unless asked for.
/// </summary>
public sealed class FalseAlarmSilenceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_autoscaler_false_alarm_is_silenced_for_an_hour_with_the_taint_as_evidence_and_only_once()
    {
        await using var guarded = await GuardedCluster.StartAsync("autoscaler-false-alarm");
        await SettledAsync(guarded, "kube-system", "calico-node", VerdictCause.AutoscalerFalseAlarm);
        var before = guarded.Cluster.Time.GetUtcNow();

        var outcome = await guarded.RemediateAsync("kube-system", "calico-node", Silencing);
        var after = guarded.Cluster.Time.GetUtcNow();

        Assert.Equal((RemediationResult.Declined, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Matches(@"Silenced KubeDaemonSetRolloutStuck for kube-system/calico-node until \S+Z \(silence [0-9a-f-]+\)\.$", outcome.Summary);
        var silence = Assert.Single(await guarded.SilencesAsync())!;
        Assert.Equal("active", silence["status"]!["state"]!.GetValue<string>());
        Assert.Equal(
            [("alertname", "KubeDaemonSetRolloutStuck", false, true), ("daemonset", "calico-node", false, true), ("namespace", "kube-system", false, true)],
            silence["matchers"]!.AsArray().Select(m => (m!["name"]!.GetValue<string>(), m["value"]!.GetValue<string>(), m["isRegex"]!.GetValue<bool>(), m["isEqual"]!.GetValue<bool>()))
                .OrderBy(m => m.Item1, StringComparer.Ordinal));
        Assert.Equal(FalseAlarmSilenceOptions.CreatedBy, silence["createdBy"]!.GetValue<string>());
        var endsAt = DateTimeOffset.Parse(silence["endsAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(endsAt, before.AddHours(1).AddSeconds(-1), after.AddHours(1).AddSeconds(1));
        var comment = silence["comment"]!.GetValue<string>();
        Assert.Matches(@"^Known false alarm: node node-3 has the taint ToBeDeletedByClusterAutoscaler:NoSchedule \(added \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\.", comment);
        var silenced = Assert.Single(RemediationScenarioTests.Events(guarded.Cluster, "kube-system"), e => e.Reason == RemediationGuards.FalseAlarmSilenced);
        Assert.Equal(("Normal", "Silence"), (silenced.Type, silenced.Action));
        Assert.Equal("Normal", Assert.Single(RemediationScenarioTests.Events(guarded.Cluster, "kube-system"), e => e.Reason == OutcomeEvent.Declined).Type);

        var again = await guarded.RemediateAsync("kube-system", "calico-node", Silencing);

        Assert.Single(await guarded.SilencesAsync());
        Assert.EndsWith($"Already silenced until {endsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} (silence {silence["id"]}).", again.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_revision_beside_the_false_alarm_is_never_silenced()
    {
        await using var guarded = await GuardedCluster.StartAsync("broken-revision-and-autoscaler");
        await Eventually.HoldsAsync(
            () => guarded.Cluster.Store.GetRequired(ResourceTypes.DaemonSets, "kube-system", "calico-node").As<V1DaemonSet>().Status?.NumberMisscheduled == 1
                && Pods(guarded.Cluster, "kube-system").Any(p => p.Status?.ContainerStatuses?.Any(c => c.State?.Waiting?.Reason == "CrashLoopBackOff") == true),
            "a crash-looping updated pod and the autoscaler's misscheduled pod");

        var outcome = await guarded.RemediateAsync("kube-system", "calico-node", Silencing);

        Assert.Equal(RemediationResult.Declined, outcome.Result);
        Assert.DoesNotContain("ilenced", outcome.Summary, StringComparison.Ordinal);
        Assert.Empty(await guarded.SilencesAsync());
    }

    [Fact]
    public async Task Without_the_switch_nothing_is_silenced()
    {
        await using var guarded = await GuardedCluster.StartAsync("autoscaler-false-alarm");
        await SettledAsync(guarded, "kube-system", "calico-node", VerdictCause.AutoscalerFalseAlarm);

        var outcome = await guarded.RemediateAsync("kube-system", "calico-node", ("Runner__AllowNamespaces", "kube-system"));

        Assert.Equal(RemediationResult.Declined, outcome.Result);
        Assert.Empty(await guarded.SilencesAsync());
    }

    private static readonly (string, string)[] Silencing =
        [("Runner__AllowNamespaces", "kube-system"), ("Remediation__SilenceFalseAlarms", "true"), ("OPENFERO_ALERTNAME", "KubeDaemonSetRolloutStuck")];

    private static Task SettledAsync(GuardedCluster guarded, string ns, string name, VerdictCause cause) =>
        ClusterAnalysis.AnalyzeUntilAsync(guarded.Cluster, ns, name, r => r.Verdict.Cause == cause && r.Pods.All(p => p.Condition != PodCondition.Starting && p.Condition != PodCondition.ContainerCreating),
            $"the scenario to settle on {cause}, with every pod past its start");
}
