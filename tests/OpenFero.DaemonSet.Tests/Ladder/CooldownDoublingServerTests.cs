using k8s;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Tests.Dispatch;
using OpenFero.DaemonSet.Tests.FollowUps;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Ladder;

/// <summary>
/// Through the real server: a remediation Job that ends <c>notRolledOut</c> is marked so on its DaemonSet's Lease,
/// and the next alert waits twice the cooldown; one that ends <c>rolledOut</c> brings the cooldown back to its base.
/// </summary>
public sealed class CooldownDoublingServerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_remediation_that_did_not_roll_out_doubles_the_next_cooldown_and_one_that_rolled_out_resets_it()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        // The built-in Operarius' deduplication.ttl, 10 minutes, is the base cooldown.
        await using var server = await ClockedServer.StartAsync(host);
        var probe = new FollowUpProbe(host);
        var first = await JobOfAsync(await server.Client.PostJsonAsync(Deliveries.RolloutStuckStartingAt("2026-11-22T23:00:00Z")));

        await JobPodEnding.EndAsync(host, first, 1, "notRolledOut: monitoring/node-exporter: Not rolled out: rollout restarted, then step 1 (rollout restart) did not help");
        await Eventually.HoldsAsync(async () => (await RemediatedAsync(host)).Contains($"{first}=", StringComparison.Ordinal) && (await RemediatedAsync(host)).Contains(LeaseState.NotRolledOutMark, StringComparison.Ordinal),
            "the Lease to mark the Job as not rolled out");
        server.Clock.Advance(TimeSpan.FromMinutes(11));
        var withinDoubled = await (await server.Client.PostJsonAsync(Deliveries.RolloutStuckStartingAt("2026-11-23T00:00:00Z"))).FirstAlertAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await JobOfAsync(await server.Client.PostJsonAsync(Deliveries.RolloutStuckStartingAt("2026-11-23T01:00:00Z")));
        await JobPodEnding.EndAsync(host, second, 0, "rolledOut: monitoring/node-exporter: Rolled out: rollout restarted, daemon set \"node-exporter\" successfully rolled out");
        await Eventually.HoldsAsync(async () => await probe.AnnotationAsync(second, "openfero.io/outcome") == "rolledOut", "the second Job's outcome to be recorded");
        server.Clock.Advance(TimeSpan.FromMinutes(11));
        var afterReset = await JobOfAsync(await server.Client.PostJsonAsync(Deliveries.RolloutStuckStartingAt("2026-11-23T02:00:00Z")));

        Assert.Equal("cooldown", withinDoubled["outcome"]!.GetValue<string>());
        Assert.Equal(first, withinDoubled["job"]!.GetValue<string>());
        Assert.EndsWith("doubled for each of the last 1 remediation(s) that did not roll out", withinDoubled["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual(second, afterReset);
        Assert.DoesNotContain($"{second}=", (await RemediatedAsync(host)).Split(',').Where(e => e.EndsWith(LeaseState.NotRolledOutMark, StringComparison.Ordinal)));
    }

    private static async Task<string> RemediatedAsync(ServerHost host)
    {
        var lease = await host.Client.CoordinationV1.ReadNamespacedLeaseAsync(JobLabels.LeaseName("monitoring", "node-exporter"), "openfero", cancellationToken: Cancel);
        return lease.Metadata.Annotations?.TryGetValue(JobLabels.RemediatedAnnotation, out var remediated) == true ? remediated : "";
    }

    private static async Task<string> JobOfAsync(HttpResponseMessage answer)
    {
        var alert = await answer.FirstAlertAsync();
        Assert.True(alert["outcome"]!.GetValue<string>() == "jobCreated", $"a Job created, not {alert.ToJsonString()}");
        return alert["job"]!.GetValue<string>();
    }
}
