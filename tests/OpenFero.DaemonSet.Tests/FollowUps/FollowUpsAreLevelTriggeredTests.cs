using System.Net;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.FollowUps;

/// <summary>
/// Every remediation Job in the cluster gets its Operarius status, its RemediationStarted Event and its verdict exactly
/// once, whoever created it and whatever happened to the replicas in between.
/// </summary>
public sealed class FollowUpsAreLevelTriggeredTests
{
    private const string Fixture = "kube-daemonset-rollout-stuck.firing.json";

    [Fact]
    public async Task A_job_whose_create_answers_after_the_webhook_gave_up_still_gets_its_event_verdict_and_operarius_status()
    {
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, _) => Task.FromResult(0));
        var server = await host.StartServerAsync("--Webhook:AnswerTimeout", "00:00:01", "--Kubernetes:AttemptTimeout", "00:00:30", "--Kubernetes:TotalTimeout", "00:01:00");
        host.Cluster.Faults.Script(new FaultMatch("create", "jobs"), 1, new Fault.Latency(TimeSpan.FromSeconds(3)));
        var probe = new FollowUpProbe(host);

        var posting = server.PostFixtureAsync(Fixture);
        await Eventually.HoldsAsync(() => Task.FromResult(host.Cluster.Requests.Count("create", "jobs") == 1), "the server's create of the Job to be under way");

        // The simulated API server drops a create whose client gave up during the injected latency; a real one has
        // often committed it by then. Commit it as the server sent it, so the Job exists while its create's answer is late.
        var job = await probe.CreateJobAsync(FollowUpProbe.RolloutStuck());
        var answer = await posting;
        await probe.AllRecordedAsync(job);
        await Eventually.HoldsAsync(async () => (await probe.StatusAsync()).LastExecutionStatus == "Successful", "the Operarius to record the Job's end");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        var status = await probe.StatusAsync();
        Assert.Equal(1, status.ExecutionCount);
        Assert.Equal(job, status.LastExecutedJobName);
        Assert.Equal(1, await probe.StartedEventsAsync(job));
        Assert.Equal("1 old-revision pod cannot run: TerminatingTooLong on node-2", await probe.VerdictAsync(job));
    }

    [Fact]
    public async Task A_job_created_while_no_server_ran_gets_its_records_when_a_server_starts()
    {
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, _) => Task.FromResult(0));
        var probe = new FollowUpProbe(host);
        var job = await probe.CreateJobAsync(FollowUpProbe.RolloutStuck());
        await Eventually.HoldsAsync(async () => JobStates.Of(await probe.JobAsync(job)).IsFinished(), "the Job to finish before any server runs");

        await host.StartServerAsync();
        await probe.AllRecordedAsync(job);
        await Eventually.HoldsAsync(async () => (await probe.StatusAsync()).LastExecutionStatus == "Successful", "the Operarius to record the end of a Job that finished before the server started");

        var status = await probe.StatusAsync();
        Assert.Equal(1, status.ExecutionCount);
        Assert.Equal(job, status.LastExecutedJobName);
        Assert.Equal(1, await probe.StartedEventsAsync(job));
        Assert.Single(await probe.EventsAsync("Analyzed"));
    }

    [Fact]
    public async Task Two_replicas_count_each_job_once_and_announce_it_once()
    {
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, _) => Task.FromResult(0));
        await host.StartServerAsync();
        await host.StartServerAsync();
        var probe = new FollowUpProbe(host);

        var jobs = new List<string>();
        for (var minute = 10; minute < 16; minute++)
        {
            jobs.Add(await probe.CreateJobAsync(FollowUpProbe.RolloutStuck($"2026-11-22T22:{minute}:00Z")));
        }

        foreach (var job in jobs)
        {
            await probe.AllRecordedAsync(job);
        }

        await Eventually.HoldsAsync(async () => (await probe.StatusAsync()).ExecutionCount >= jobs.Count, $"the Operarius to count {jobs.Count} executions");
        await Eventually.HoldsAsync(async () => (await Task.WhenAll(jobs.Select(FollowUpsOf))).All(f => f.Contains("finished", StringComparison.Ordinal)),
            "every Job to carry the mark of its recorded end");

        Assert.Equal(jobs.Count, (await probe.StatusAsync()).ExecutionCount);
        foreach (var job in jobs)
        {
            Assert.Equal(1, await probe.StartedEventsAsync(job));
        }

        Assert.Equal(jobs.Count, (await probe.EventsAsync("Analyzed")).Count);

        async Task<string> FollowUpsOf(string job) => (await probe.JobAsync(job)).Metadata.Annotations is { } annotations && annotations.TryGetValue("openfero.io/follow-ups", out var done) ? done : "";
    }

    [Fact]
    public async Task A_restarted_server_does_not_record_a_job_again()
    {
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, _) => Task.FromResult(0));
        var probe = new FollowUpProbe(host);
        var first = await ServerReplica.StartAsync(host);
        var job = await probe.CreateJobAsync(FollowUpProbe.RolloutStuck());
        await probe.AllRecordedAsync(job);
        await Eventually.HoldsAsync(async () => (await probe.StatusAsync()).LastExecutionStatus == "Successful", "the Operarius to record the first Job's end");
        await first.DisposeAsync();

        await using var restarted = await ServerReplica.StartAsync(host);
        // A second Job recorded by the restarted server shows it has walked every Job it found at start.
        var later = await probe.CreateJobAsync(FollowUpProbe.RolloutStuck("2026-11-22T23:38:45Z"));
        await probe.AllRecordedAsync(later);
        await Eventually.HoldsAsync(async () => (await probe.StatusAsync()) is { LastExecutedJobName: var name, LastExecutionStatus: "Successful" } && name == later,
            "the Operarius to record the second Job's end");

        Assert.Equal(2, (await probe.StatusAsync()).ExecutionCount);
        Assert.Equal(1, await probe.StartedEventsAsync(job));
        Assert.Equal(1, await probe.StartedEventsAsync(later));
        Assert.Equal(2, (await probe.EventsAsync("Analyzed")).Count);
    }
}
