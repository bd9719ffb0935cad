using System.Net;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Dispatch;
using OpenFero.DaemonSet.Tests.FollowUps;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Ladder;

/// <summary>
/// At most <c>Remediation:MaxConcurrent</c> remediation Jobs at once across DaemonSets and replicas: an alert beyond
/// it is answered 503 <c>concurrencyLimited</c>, naming the running Job, so Alertmanager delivers it again; it
/// starts once the running Job has finished.
/// </summary>
public sealed class MaxConcurrentTests
{
    private const string RolledOut = "rolledOut: monitoring/node-exporter: daemon set \"node-exporter\" successfully rolled out";

    [Fact]
    public async Task A_second_daemonset_waits_for_the_first_remediation_and_starts_once_it_finished()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        var server = await host.StartServerAsync();
        var first = await JobOfAsync(await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json"));

        var limited = await server.PostJsonAsync(OtherDaemonSet("logging", "fluent-bit"));
        var limitedAlert = await limited.FirstAlertAsync();
        await JobPodEnding.EndAsync(host, first, 0, RolledOut);
        var started = await Eventually.ReachesAsync(async () => await (await server.PostJsonAsync(OtherDaemonSet("logging", "fluent-bit"))).FirstAlertAsync(),
            alert => alert["outcome"]!.GetValue<string>() == "jobCreated", "the second DaemonSet's alert, delivered again, to start its Job");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, limited.StatusCode);
        Assert.Equal(("concurrencyLimited", first), (limitedAlert["outcome"]!.GetValue<string>(), limitedAlert["job"]!.GetValue<string>()));
        Assert.Contains("(Remediation:MaxConcurrent)", limitedAlert["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual(first, started["job"]!.GetValue<string>());
        Assert.Equal(2, (await host.JobsAsync()).Count);
    }

    [Fact]
    public async Task Two_replicas_share_the_limit_and_two_slots_let_two_daemonsets_run_at_once()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        var one = await host.StartServerAsync("--Remediation:MaxConcurrent", "2");
        var other = await host.StartServerAsync("--Remediation:MaxConcurrent", "2");

        var first = await JobOfAsync(await one.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json"));
        var second = await JobOfAsync(await other.PostJsonAsync(OtherDaemonSet("logging", "fluent-bit")));
        var third = await other.PostJsonAsync(OtherDaemonSet("networking", "calico-node"));
        var fourth = await one.PostJsonAsync(OtherDaemonSet("networking", "calico-node"));

        Assert.NotEqual(first, second);
        Assert.True(third.StatusCode == HttpStatusCode.ServiceUnavailable, await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (third.StatusCode, fourth.StatusCode));
        Assert.Equal("concurrencyLimited", await fourth.OutcomeAsync());
        Assert.Equal(2, (await host.JobsAsync()).Count);
    }

    /// <summary>The rollout-stuck fixture for another DaemonSet: its labels, group and fingerprint.</summary>
    private static string OtherDaemonSet(string ns, string name)
    {
        var body = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Fixture("kube-daemonset-rollout-stuck.firing.json")))!;
        foreach (var labels in new[] { body["alerts"]![0]!["labels"]!, body["commonLabels"]!, body["groupLabels"] })
        {
            if (labels is not null)
            {
                labels["namespace"] = ns;
                labels["daemonset"] = name;
            }
        }

        body["groupKey"] = $"{{}}:{{alertname=\"KubeDaemonSetRolloutStuck\", daemonset=\"{name}\", namespace=\"{ns}\"}}";
        body["alerts"]![0]!["fingerprint"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{ns}/{name}")))[..16];
        return body.ToJsonString();
    }

    private static async Task<string> JobOfAsync(HttpResponseMessage answer)
    {
        var alert = await answer.FirstAlertAsync();
        Assert.True(alert["outcome"]!.GetValue<string>() == "jobCreated", $"a Job created, not {alert.ToJsonString()}");
        return alert["job"]!.GetValue<string>();
    }
}
