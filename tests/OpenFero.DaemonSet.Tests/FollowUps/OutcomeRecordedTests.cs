using System.Text.Json.Nodes;
using k8s;
using OpenFero.DaemonSet.Tests.Dispatch;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.FollowUps;

/// <summary>
/// A finished Job's outcome, read from its pod's termination message, is recorded once on the Job, in the history, on
/// the Operarius and in the metrics; and only a run that changed the cluster makes the next alert wait for a cooldown.
/// </summary>
public sealed class OutcomeRecordedTests
{
    private const string Fixture = "kube-daemonset-rollout-stuck.firing.json";
    private const string NextInstance = "2026-11-22T23:38:45Z";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_declined_job_records_its_outcome_everywhere_and_leaves_no_cooldown_but_its_instance_stays_deduplicated()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        var server = await host.StartServerAsync();
        var probe = new FollowUpProbe(host);
        var job = await JobOfAsync(await server.PostFixtureAsync(Fixture));

        await JobPodEnding.EndAsync(host, job, 0, "declined: monitoring/node-exporter: the new template is broken");
        await OutcomeRecordedAsync(probe, job, "declined");
        var summary = await probe.AnnotationAsync(job, "openfero.io/outcome-message");
        var history = await RecordAsync(server, job);
        var metrics = await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        var status = await probe.StatusAsync();
        var next = await server.PostJsonAsync(Deliveries.RolloutStuckStartingAt(NextInstance));
        await host.Client.BatchV1.DeleteNamespacedJobAsync(job, "openfero", propagationPolicy: "Background", cancellationToken: Cancel);
        await Eventually.HoldsAsync(async () => (await host.JobsAsync()).All(j => j.Metadata.Name != job), $"Job {job} to be gone");
        var again = await server.PostFixtureAsync(Fixture);

        Assert.Equal("monitoring/node-exporter: the new template is broken", summary);
        Assert.Equal("declined", history["outcome"]!.GetValue<string>());
        Assert.Equal("monitoring/node-exporter: the new template is broken", history["outcomeMessage"]!.GetValue<string>());
        Assert.Equal(("Successful", "declined"), (status.LastExecutionStatus, status.LastExecutionOutcome));
        Assert.Contains("openfero_remediation_outcomes_total{outcome=\"declined\"} 1", metrics, StringComparison.Ordinal);
        Assert.Equal("jobCreated", await next.OutcomeAsync());
        Assert.Equal("deduplicated", await again.OutcomeAsync());
    }

    [Fact]
    public async Task A_rolled_out_job_records_its_outcome_everywhere_and_its_cooldown_holds_the_next_alert()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        var server = await host.StartServerAsync();
        var probe = new FollowUpProbe(host);
        var job = await JobOfAsync(await server.PostFixtureAsync(Fixture));

        await JobPodEnding.EndAsync(host, job, 0, "rolledOut: monitoring/node-exporter: daemon set \"node-exporter\" successfully rolled out");
        await OutcomeRecordedAsync(probe, job, "rolledOut");
        var history = await RecordAsync(server, job);
        var metrics = await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        var status = await probe.StatusAsync();
        var next = await server.PostJsonAsync(Deliveries.RolloutStuckStartingAt(NextInstance));

        Assert.Equal("rolledOut", history["outcome"]!.GetValue<string>());
        Assert.Equal(("Successful", "rolledOut"), (status.LastExecutionStatus, status.LastExecutionOutcome));
        Assert.Contains("openfero_remediation_outcomes_total{outcome=\"rolledOut\"} 1", metrics, StringComparison.Ordinal);
        Assert.Equal("cooldown", await next.OutcomeAsync());
        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task A_dry_run_leaves_no_cooldown()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        var server = await host.StartServerAsync();
        var probe = new FollowUpProbe(host);
        var job = await JobOfAsync(await server.PostFixtureAsync(Fixture));

        await JobPodEnding.EndAsync(host, job, 0, "dryRun: monitoring/node-exporter: would delete 1 pod");
        await OutcomeRecordedAsync(probe, job, "dryRun");
        var next = await server.PostJsonAsync(Deliveries.RolloutStuckStartingAt(NextInstance));

        Assert.Equal("jobCreated", await next.OutcomeAsync());
        Assert.Equal(2, (await host.JobsAsync()).Count);
    }

    [Fact]
    public async Task An_analysis_only_job_records_analyzed_with_its_first_line_everywhere_and_leaves_no_cooldown()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        var server = await host.StartServerAsync();
        var probe = new FollowUpProbe(host);
        var job = await JobOfAsync(await server.PostFixtureAsync(Fixture));
        const string Summary = "monitoring/node-exporter: 1 old-revision pod cannot run [OldPodsCannotRun]; analysis only, nothing changed.";

        await JobPodEnding.EndAsync(host, job, 0, $"analyzed: {Summary}\n\nDaemonSet monitoring/node-exporter\nVerdict: 1 old-revision pod cannot run");
        await OutcomeRecordedAsync(probe, job, "analyzed");
        var message = await probe.AnnotationAsync(job, "openfero.io/outcome-message");
        var history = await RecordAsync(server, job);
        var metrics = await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        var status = await probe.StatusAsync();
        var next = await server.PostJsonAsync(Deliveries.RolloutStuckStartingAt(NextInstance));

        Assert.Equal(Summary, message);
        Assert.Equal(("analyzed", Summary), (history["outcome"]!.GetValue<string>(), history["outcomeMessage"]!.GetValue<string>()));
        Assert.Equal(("Successful", "analyzed"), (status.LastExecutionStatus, status.LastExecutionOutcome));
        Assert.Contains("openfero_remediation_outcomes_total{outcome=\"analyzed\"} 1", metrics, StringComparison.Ordinal);
        Assert.Equal("jobCreated", await next.OutcomeAsync());
        Assert.Equal(2, (await host.JobsAsync()).Count);
    }

    [Fact]
    public async Task A_job_that_failed_without_an_outcome_is_an_error_and_leaves_no_cooldown()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        var server = await host.StartServerAsync();
        var probe = new FollowUpProbe(host);
        var job = await JobOfAsync(await server.PostFixtureAsync(Fixture));

        await JobPodEnding.EndAsync(host, job, 1, null);
        await OutcomeRecordedAsync(probe, job, "error");
        var status = await probe.StatusAsync();
        var next = await server.PostJsonAsync(Deliveries.RolloutStuckStartingAt(NextInstance));

        Assert.Equal(("Failed", "error"), (status.LastExecutionStatus, status.LastExecutionOutcome));
        Assert.Equal("jobCreated", await next.OutcomeAsync());
    }

    private static async Task<string> JobOfAsync(HttpResponseMessage answer)
    {
        var alert = await answer.FirstAlertAsync();
        Assert.Equal("jobCreated", alert["outcome"]!.GetValue<string>());
        return alert["job"]!.GetValue<string>();
    }

    /// <summary>Waits until the Job's end is recorded: its outcome annotation and its Operarius' status.</summary>
    private static Task OutcomeRecordedAsync(FollowUpProbe probe, string job, string outcome) => Eventually.HoldsAsync(
        async () => await probe.AnnotationAsync(job, "openfero.io/outcome") == outcome &&
            (await probe.StatusAsync()) is { LastExecutionOutcome: var recorded, LastExecutedJobName: var name } && recorded == outcome && name == job &&
            (await probe.AnnotationAsync(job, "openfero.io/follow-ups"))?.Contains("finished", StringComparison.Ordinal) == true,
        $"Job {job}'s outcome {outcome} on the Job and on its Operarius");

    private static async Task<JsonNode> RecordAsync(HttpClient server, string job)
    {
        var history = JsonNode.Parse(await server.GetStringAsync(new Uri("/api/remediations", UriKind.Relative), Cancel))!.AsArray();
        return history.Single(r => r!["job"]!.GetValue<string>() == job)!;
    }
}
