using System.Net;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.FollowUps;

/// <summary>Follow-ups that could not be done at first are done later: after a replica stopped mid-way, after Kubernetes refused them.</summary>
public sealed class FollowUpsRecoverTests
{
    [Fact]
    public async Task A_claim_left_by_a_replica_that_stopped_is_taken_over_once_it_expires()
    {
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, _) => Task.FromResult(0));
        var probe = new FollowUpProbe(host);
        var job = await probe.CreateJobAsync(FollowUpProbe.RolloutStuck(), new Dictionary<string, string>
        {
            ["openfero.io/follow-ups-claim"] = "stopped-replica 2026-01-01T00:00:00Z",
        });

        await host.StartServerAsync("--FollowUps:ClaimTimeout", "00:01:00");
        await probe.AllRecordedAsync(job);
        await Eventually.HoldsAsync(async () => await probe.AnnotationAsync(job, "openfero.io/follow-ups") == "started,analyzed,finished",
            "the Job to carry the marks of all its follow-ups");

        Assert.Null(await probe.AnnotationAsync(job, "openfero.io/follow-ups-claim"));
        Assert.Equal(1, (await probe.StatusAsync()).ExecutionCount);
        Assert.Equal(1, await probe.StartedEventsAsync(job));
    }

    [Fact]
    public async Task A_follow_up_kubernetes_refused_is_done_at_a_later_resync_and_counted_once()
    {
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, _) => Task.FromResult(0));
        var server = await host.StartServerAsync("--FollowUps:ResyncInterval", "00:00:00.500", "--Kubernetes:MaxRetryAttempts", "1", "--Kubernetes:RetryBaseDelay", "00:00:00.010");
        var probe = new FollowUpProbe(host);
        host.Cluster.Faults.InjectRate(1.0, new Fault.ServerError(), new FaultMatch("create", "events"));

        var answer = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        var job = (await answer.JsonAsync())["alerts"]![0]!["job"]!.GetValue<string>();
        await Eventually.HoldsAsync(() => Task.FromResult(host.Cluster.Requests.Count("create", "events") >= 6), "Events to be refused through a few resyncs");
        host.Cluster.Faults.Clear();
        await probe.AllRecordedAsync(job);
        await Eventually.HoldsAsync(async () => (await probe.StatusAsync()).LastExecutionStatus == "Successful", "the Operarius to record the Job's end");

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(1, (await probe.StatusAsync()).ExecutionCount);
        Assert.Equal(1, await probe.StartedEventsAsync(job));
        Assert.Single(await probe.EventsAsync("Analyzed"));
    }
}
