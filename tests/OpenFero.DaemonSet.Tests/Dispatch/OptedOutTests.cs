using System.Net;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Dispatch;

/// <summary>The runner's guards, applied by the server: a DaemonSet the runner would refuse gets no Lease and no Job.</summary>
public sealed class OptedOutTests
{
    private const string Fixture = "kube-daemonset-rollout-stuck.firing.json";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_daemonset_annotated_remediation_disabled_is_opted_out_with_no_lease_and_no_job()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await host.Client.AppsV1.PatchNamespacedDaemonSetAsync(
            new V1Patch("""{"metadata":{"annotations":{"openfero.io/remediation":"disabled"}}}""", V1Patch.PatchType.MergePatch), "node-exporter", "monitoring", cancellationToken: Cancel);
        var server = await host.StartServerAsync();

        var answer = await server.PostFixtureAsync(Fixture);
        var alert = await answer.FirstAlertAsync();
        var metrics = await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("optedOut", alert["outcome"]!.GetValue<string>());
        Assert.Contains("openfero.io/remediation=disabled", alert["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await host.JobsAsync());
        Assert.Empty(await LeasesAsync(host));
        Assert.Contains("openfero_alerts_received_total{outcome=\"optedOut\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_denied_namespace_is_opted_out_without_reading_the_daemonset()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Runner:DenyNamespaces", "logging,monitoring");

        var answer = await server.PostFixtureAsync(Fixture);
        var alert = await answer.FirstAlertAsync();

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("optedOut", alert["outcome"]!.GetValue<string>());
        Assert.Contains("namespace monitoring is not allowed", alert["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, host.Cluster.Requests.Count("get", "daemonsets"));
        Assert.Empty(await host.JobsAsync());
        Assert.Empty(await LeasesAsync(host));
    }

    [Fact]
    public async Task A_namespace_outside_the_allow_list_is_opted_out_and_a_listed_one_gets_its_job()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var elsewhere = await host.StartServerAsync("--Runner:AllowNamespaces:0", "logging");
        var here = await host.StartServerAsync("--Runner:AllowNamespaces:0", "logging", "--Runner:AllowNamespaces:1", "monitoring");

        var refused = await (await elsewhere.PostFixtureAsync(Fixture)).OutcomeAsync();
        var allowed = await (await here.PostFixtureAsync(Fixture)).OutcomeAsync();

        Assert.Equal("optedOut", refused);
        Assert.Equal("jobCreated", allowed);
        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task A_failed_read_of_the_daemonset_answers_503_so_alertmanager_delivers_again()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Kubernetes:MaxRetryAttempts", "1", "--Kubernetes:RetryBaseDelay", "00:00:00.010");
        host.Cluster.Faults.Script(new FaultMatch("get", "daemonsets"), 10, new Fault.ServerError());

        var answer = await server.PostFixtureAsync(Fixture);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("unavailable", await answer.OutcomeAsync());
        Assert.Empty(await host.JobsAsync());
        Assert.Empty(await LeasesAsync(host));
    }

    private static async Task<IList<V1Lease>> LeasesAsync(ServerHost host) =>
        (await host.Client.CoordinationV1.ListNamespacedLeaseAsync("openfero", cancellationToken: Cancel)).Items;
}
