using System.Net;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Dispatch;

public sealed class FailedCreateTests
{
    [Fact]
    public async Task A_job_create_that_failed_leaves_no_cooldown_for_the_next_alert_of_the_daemonset()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Kubernetes:RetryBaseDelay", "00:00:00.010", "--Kubernetes:MaxRetryAttempts", "2");
        host.Cluster.Faults.InjectRate(1.0, new Fault.ServiceUnavailable(), new FaultMatch("create", "jobs"));

        var failed = await server.PostJsonAsync(AlertBodies.RolloutStuck());
        host.Cluster.Faults.Clear();
        var other = await server.PostJsonAsync(AlertBodies.RolloutStuck(fingerprint: "0123456789abcdef"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("jobCreated", await other.OutcomeAsync());
        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task A_failed_create_whose_lease_could_not_be_released_stops_blocking_after_the_start_grace()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await using var server = await ClockedServer.StartAsync(host, "--Kubernetes:RetryBaseDelay", "00:00:00.010", "--Kubernetes:MaxRetryAttempts", "2");
        host.Cluster.Faults.InjectRate(1.0, new Fault.ServiceUnavailable(), new FaultMatch("create", "jobs"));
        host.Cluster.Faults.InjectRate(1.0, new Fault.ServiceUnavailable(), new FaultMatch("delete", "leases"));

        var failed = await server.Client.PostJsonAsync(AlertBodies.RolloutStuck());
        host.Cluster.Faults.Clear();
        var duringGrace = await server.Client.PostJsonAsync(AlertBodies.RolloutStuck(fingerprint: "0123456789abcdef"));
        server.Clock.Advance(TimeSpan.FromMinutes(3));
        var afterGrace = await server.Client.PostJsonAsync(AlertBodies.RolloutStuck(fingerprint: "0123456789abcdef"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("cooldown", await duringGrace.OutcomeAsync());
        Assert.Equal("jobCreated", await afterGrace.OutcomeAsync());
        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task A_409_on_job_create_without_the_alerts_job_answers_503_and_the_redelivery_creates_it()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        host.Cluster.Faults.Script(new FaultMatch("create", "jobs"), 1, new Fault.Conflict());

        var conflicted = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        var redelivered = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, conflicted.StatusCode);
        Assert.Equal("unavailable", await conflicted.OutcomeAsync());
        Assert.Equal("jobCreated", await redelivered.OutcomeAsync());
        Assert.Single(await host.JobsAsync());
    }
}
