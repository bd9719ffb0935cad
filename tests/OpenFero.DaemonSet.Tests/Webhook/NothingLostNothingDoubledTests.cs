using System.Net;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Tests.FollowUps;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class NothingLostNothingDoubledTests
{
    [Fact]
    public async Task Kubernetes_outage_answers_503_and_the_redelivery_after_recovery_makes_exactly_one_job()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Kubernetes:RetryBaseDelay", "00:00:00.010", "--Kubernetes:MaxRetryAttempts", "2", "--Webhook:AnswerTimeout", "00:00:03");
        host.Cluster.Faults.InjectRate(1.0, new Fault.ServiceUnavailable(), new FaultMatch("create", "jobs"));
        host.Cluster.Faults.InjectRate(1.0, new Fault.ServiceUnavailable(), new FaultMatch("create", "leases"));
        host.Cluster.Faults.InjectRate(1.0, new Fault.ServiceUnavailable(), new FaultMatch("get", "leases"));

        var duringOutage = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        host.Cluster.Faults.Clear();
        var redelivered = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        var again = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.Equal("unavailable", (await duringOutage.JsonAsync())["alerts"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        Assert.Equal("jobCreated", (await redelivered.JsonAsync())["alerts"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal("deduplicated", (await again.JsonAsync())["alerts"]![0]!["outcome"]!.GetValue<string>());
        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task Hundred_concurrent_deliveries_to_two_replicas_make_exactly_one_job()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var replicas = new[] { await host.StartServerAsync(), await host.StartServerAsync() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => replicas[i % 2].PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")));
        var outcomes = await Task.WhenAll(answers.Select(async a => (await a.JsonAsync())["alerts"]![0]!["outcome"]!.GetValue<string>()));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(1, outcomes.Count(o => o == "jobCreated"));
        Assert.Equal(99, outcomes.Count(o => o == "deduplicated"));
        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task A_thousand_duplicate_deliveries_cost_at_most_twenty_kubernetes_requests()
    {
        await using var host = await ServerHost.StartClusterAsync();
        host.Cluster.JobHandlers.Register("ghcr.io/openfero/openfero-daemonset", (_, _) => Task.FromResult(0));
        var server = await host.StartServerAsync();
        var job = (await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync())["alerts"]![0]!["job"]!.GetValue<string>();
        // The first delivery's Job runs and its follow-ups write to the cluster; only once they are all done do the
        // requests counted below belong to the duplicates alone.
        var probe = new FollowUpProbe(host);
        await Eventually.HoldsAsync(async () => await probe.AnnotationAsync(job, "openfero.io/follow-ups") == "started,analyzed,finished",
            $"every follow-up of Job {job} to be done");
        host.Cluster.Requests.Reset();

        for (var i = 0; i < 1000; i++)
        {
            await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        }

        Assert.InRange(host.Cluster.Requests.Total, 0, 20);
    }

    [Fact]
    public async Task A_kubernetes_that_hangs_gets_a_503_at_the_answer_timeout_and_the_late_job_is_not_doubled()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Webhook:AnswerTimeout", "00:00:01", "--Kubernetes:AttemptTimeout", "00:00:30", "--Kubernetes:TotalTimeout", "00:01:00");
        host.Cluster.Faults.Script(new FaultMatch("create", "jobs"), 1, new Fault.Latency(TimeSpan.FromSeconds(4)));

        var hung = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        // Redelivered only once the API server is done with the create the answer gave up on, committed or dropped:
        // a late Job, if there is one, exists before the redelivery looks.
        await Eventually.HoldsAsync(() => host.Cluster.Requests.Finished("create", "jobs") >= 1, "the API server to be done with the held-up create of the Job");
        var redelivered = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, hung.StatusCode);
        Assert.Equal("10", hung.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        Assert.Single(await host.JobsAsync());
    }
}
