using k8s;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed class LeaseCollectionTests
{
    [Fact]
    public async Task A_lease_stays_while_its_job_runs_and_goes_once_the_job_is_gone_and_cooldown_and_retention_passed()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Cluster.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, token) => release.Task.WaitAsync(token));
        await using var server = await ClockedServer.StartAsync(host, "--Remediation:RecordRetentionSeconds", "60", "--Remediation:LeaseCollectionIntervalSeconds", "1");
        var job = (await (await server.Client.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).FirstAlertAsync())["job"]!.GetValue<string>();
        await Eventually.HoldsAsync(async () => (await host.Client.BatchV1.ReadNamespacedJobAsync(job, "openfero", cancellationToken: TestContext.Current.CancellationToken)).Status?.Active > 0,
            $"Job {job} to run");

        server.Clock.Advance(TimeSpan.FromHours(2));
        var listed = host.Cluster.Requests.Count("list", "leases");
        await Eventually.HoldsAsync(() => host.Cluster.Requests.Count("list", "leases") >= listed + 2, "the lease collector to look at the Leases twice");
        var whileRunning = await LeasesAsync(host);

        release.SetResult(0);
        await Eventually.HoldsAsync(async () => (await host.Client.BatchV1.ReadNamespacedJobAsync(job, "openfero", cancellationToken: TestContext.Current.CancellationToken)).Status?.Succeeded > 0,
            $"Job {job} to finish");
        await host.Client.BatchV1.DeleteNamespacedJobAsync(job, "openfero", propagationPolicy: "Background", cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(async () => (await LeasesAsync(host)).Count == 0, "the Lease to be collected once its Job is gone", TimeSpan.FromSeconds(15));

        Assert.Single(whileRunning);
    }

    private static async Task<IList<k8s.Models.V1Lease>> LeasesAsync(ServerHost host) =>
        (await host.Client.CoordinationV1.ListNamespacedLeaseAsync("openfero", labelSelector: "openfero.io/managed-by=openfero", cancellationToken: TestContext.Current.CancellationToken)).Items;
}
