using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>
/// The quota-exhausted scenario as an operator meets it with kubectl: the quota used up, the DaemonSet one pod
/// short, its refused creates as FailedCreate Events, and a pod created by hand refused with the same words.
/// </summary>
public sealed class KubectlQuotaTests
{
    private const string Refusal = "pods \"promtail-\" is forbidden: exceeded quota: pods-limit, requested: pods=1, used: pods=3, limited: pods=3";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_resourcequota_and_describe_quota_show_the_pods_used_against_the_hard_limit()
    {
        await using var cluster = await StartAsync(TimeSpan.FromSeconds(10));
        using var kubectl = new KubectlRunner(cluster);

        var lines = Lines(await kubectl.SucceedAsync("get resourcequota -n logging"));
        var describe = Lines(await kubectl.SucceedAsync("describe quota pods-limit -n logging"));

        Assert.Equal(["NAME", "AGE", "REQUEST", "LIMIT"], Words(lines[0]));
        Assert.Equal(["pods-limit", "10s", "pods:", "3/3"], Words(lines[1]));
        Assert.Contains(describe, l => Words(l) is ["Name:", "pods-limit"]);
        Assert.Contains(describe, l => Words(l) is ["Resource", "Used", "Hard"]);
        Assert.Contains(describe, l => Words(l) is ["pods", "3", "3"]);
    }

    [Fact]
    public async Task Describe_daemonset_and_get_events_show_the_refused_creates_as_one_counted_FailedCreate()
    {
        await using var cluster = await StartAsync(TimeSpan.FromMinutes(2));
        using var kubectl = new KubectlRunner(cluster);

        var daemonSet = Lines(await kubectl.SucceedAsync("get ds promtail -n logging"));
        var describe = await kubectl.SucceedAsync("describe ds promtail -n logging");
        var events = Lines(await kubectl.SucceedAsync("get events -n logging"));

        Assert.Equal(["promtail", "4", "3"], Words(daemonSet[1])[..3]);
        var section = Lines(describe[describe.IndexOf("Events:", StringComparison.Ordinal)..]);
        var failed = Assert.Single(section, l => l.Contains("FailedCreate", StringComparison.Ordinal));
        // kubectl counts the ages from its own clock, not the simulation's.
        Assert.Matches(@"Warning\s+FailedCreate\s+\S+ \(x\d+ over \S+\)\s+daemonset-controller\s+Error creating: ", failed);
        Assert.EndsWith("Error creating: " + Refusal, failed, StringComparison.Ordinal);
        Assert.Contains(events, l => Words(l) is [_, "Warning", "FailedCreate", "daemonset/promtail", "Error", "creating:", ..]);
    }

    [Fact]
    public async Task A_pod_created_by_hand_past_the_quota_is_forbidden_with_the_api_servers_message()
    {
        await using var cluster = await StartAsync(TimeSpan.FromSeconds(5));
        using var kubectl = new KubectlRunner(cluster);

        var (code, _, error) = await kubectl.RunAsync("run debug --image=busybox -n logging");

        Assert.NotEqual(0, code);
        Assert.Equal("Error from server (Forbidden): pods \"debug\" is forbidden: exceeded quota: pods-limit, requested: pods=1, used: pods=3, limited: pods=3", error.Trim());
    }

    private static async Task<SimulatedCluster> StartAsync(TimeSpan settle)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "quota-exhausted", Time = time, StepControllers = true }, Cancel);
        for (var elapsed = TimeSpan.Zero; elapsed < settle; elapsed += ClusterControllers.Tick)
        {
            cluster.Controllers!.ReconcileOnce();
            time.Advance(ClusterControllers.Tick);
        }

        return cluster;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
