using k8s;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed class RemediatedInstanceTests
{
    [Fact]
    public async Task A_remediated_alert_instance_stays_deduplicated_after_its_job_is_deleted_and_after_the_cooldown()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await using var server = await ClockedServer.StartAsync(host);
        var first = await server.Client.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        var job = (await first.FirstAlertAsync())["job"]!.GetValue<string>();
        await host.Client.BatchV1.DeleteNamespacedJobAsync(job, "openfero", propagationPolicy: "Background", cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => server.Jobs.Get(job) is null, $"the server's Job cache to drop the deleted Job {job}");

        var redelivered = await server.Client.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        server.Clock.Advance(TimeSpan.FromHours(1));
        var afterCooldown = await server.Client.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");

        Assert.Equal("deduplicated", await redelivered.OutcomeAsync());
        Assert.Equal("deduplicated", await afterCooldown.OutcomeAsync());
        Assert.Empty(await host.JobsAsync());
    }
}
