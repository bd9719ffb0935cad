using OpenFero.DaemonSet.Tests.Dispatch;
using OpenFero.DaemonSet.Tests.FollowUps;
using OpenFero.DaemonSet.Tests.Infrastructure;
using OpenFero.DaemonSet.Tests.Webhook;
using Serilog.Events;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>
/// The server against the simulated cluster with a Slack destination at a real receiver: the alert from Alertmanager
/// starts a remediation Job, the Job's pod ends the way the runner ends it, and the receiver is told of both; a
/// destination that hangs or fails holds up neither the webhook's answer nor the remediation.
/// </summary>
public sealed class RemediationNotificationTests
{
    private const string Fixture = "kube-daemonset-rollout-stuck.firing.json";
    private const string NextInstance = "2026-11-22T23:38:45Z";
    private const string SecretPath = "/services/T0001/B0001/s3cr3t";
    private const string RolledOut = "rolledOut: monitoring/node-exporter: deleted 1 old-revision pod; daemon set \"node-exporter\" successfully rolled out";

    [Fact]
    public async Task An_alert_with_a_Slack_destination_posts_a_start_and_an_end_carrying_the_verdict_and_the_outcome()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        await using var receiver = await NotificationReceiver.StartAsync();
        var server = await host.StartServerAsync(SlackAt(receiver));
        var probe = new FollowUpProbe(host);

        var job = await JobOfAsync(await server.PostFixtureAsync(Fixture));
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 1, "the start message");
        var verdict = await Eventually.ReachesAsync(() => probe.VerdictAsync(job), v => v is not null, $"Job {job}'s verdict");
        await JobPodEnding.EndAsync(host, job, 0, RolledOut);
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 2, "the end message");
        var start = string.Join("\n", PayloadShapes.SlackBlockKit(receiver.Requests[0].Json));
        var end = string.Join("\n", PayloadShapes.SlackBlockKit(receiver.Requests[1].Json));

        Assert.All(receiver.Requests, r => Assert.Equal(SecretPath, r.Path));
        Assert.Contains("Remediating monitoring/node-exporter", start, StringComparison.Ordinal);
        Assert.Contains($"openfero/{job}", start, StringComparison.Ordinal);
        Assert.Contains("KubeDaemonSetRolloutStuck", start, StringComparison.Ordinal);
        Assert.Contains("Remediation of monitoring/node-exporter: rolledOut", end, StringComparison.Ordinal);
        Assert.Contains($"*Verdict*\n{verdict}", end, StringComparison.Ordinal);
        Assert.Contains("deleted 1 old-revision pod", end, StringComparison.Ordinal);
        Assert.Contains("kubectl rollout status daemonset/node-exporter -n monitoring", end, StringComparison.Ordinal);
        var metrics = await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("openfero_notifications_sent_total{destination_type=\"slack\",event=\"started\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("openfero_notifications_sent_total{destination_type=\"slack\",event=\"ended\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hanging_destination_delays_neither_the_webhook_answer_nor_the_remediation()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Otherwise = _ => new ReceiverAnswer.Hang();
        var server = await host.StartServerAsync([.. SlackAt(receiver), "--Notifications:AttemptTimeout", "00:05:00", "--Notifications:TotalTimeout", "00:10:00"]);
        var probe = new FollowUpProbe(host);

        var job = await JobOfAsync(await server.PostFixtureAsync(Fixture));
        await Eventually.HoldsAsync(() => receiver.Hanging == 1, "the start message to hang at the receiver");
        await JobPodEnding.EndAsync(host, job, 0, "declined: monitoring/node-exporter: the new template is broken");
        await Eventually.HoldsAsync(async () => await probe.AnnotationAsync(job, "openfero.io/outcome") == "declined", $"Job {job}'s outcome to be recorded");
        var next = await server.PostJsonAsync(Deliveries.RolloutStuckStartingAt(NextInstance));

        Assert.Equal("jobCreated", await next.OutcomeAsync());
        Assert.Equal((1, 1), (receiver.Hanging, receiver.Requests.Count));
    }

    [Fact]
    public async Task A_failing_destination_is_logged_once_per_outage_by_its_host_never_its_secret_path_and_counted()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Otherwise = _ => new ReceiverAnswer.Status(500);
        await using var server = await ServerWithServices.StartAsync(host, [.. SlackAt(receiver), "--Notifications:MaxRetryAttempts", "0"]);

        var job = await JobOfAsync(await server.Client.PostFixtureAsync(Fixture));
        await JobPodEnding.EndAsync(host, job, 0, "declined: monitoring/node-exporter: the new template is broken");
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 2, "the start and the end to be tried");
        await Eventually.HoldsAsync(async () => (await MetricsAsync(server)).Contains(
            "openfero_notifications_failed_total{destination_type=\"slack\",reason=\"500\"} 2", StringComparison.Ordinal), "both failures to be counted");
        receiver.Otherwise = _ => new ReceiverAnswer.Status(200);
        Assert.Equal("jobCreated", await (await server.Client.PostJsonAsync(Deliveries.RolloutStuckStartingAt(NextInstance))).OutcomeAsync());
        await Eventually.HoldsAsync(() => server.Logs.Containing("are delivered again").Count == 1, "the recovery to be logged");

        var outage = server.Logs.Containing("Notifications to Slack destination");
        Assert.Equal([LogEventLevel.Warning, LogEventLevel.Information], outage.Select(e => e.Level));
        Assert.Equal($"http://127.0.0.1:{receiver.BaseAddress.Port}", ((ScalarValue)outage[0].Properties["Destination"]).Value);
        Assert.Contains("fail (\"500\": \"answered 500 Internal Server Error\")", outage[0].RenderMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs.Events, e => e.RenderMessage().Contains("s3cr3t", StringComparison.Ordinal) || e.Properties.Values.Any(v => v.ToString().Contains("s3cr3t", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_Slack_bot_message_is_remembered_on_the_Job_and_updated_at_the_end_by_a_server_that_did_not_post_it()
    {
        await using var host = await ServerHost.StartClusterAsync();
        JobPodEnding.HoldRunning(host);
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Otherwise = _ => new ReceiverAnswer.Json(new System.Text.Json.Nodes.JsonObject { ["ok"] = true, ["channel"] = "C0123", ["ts"] = "1795391200.000100" });
        string[] slackBot = ["--Notifications:Destinations:0:Type", "Slack", "--Notifications:Destinations:0:Url", receiver.Url("/api"),
            "--Notifications:Destinations:0:Token", "xoxb-test-token", "--Notifications:Destinations:0:Channel", "#remediations"];
        var probe = new FollowUpProbe(host);
        string job;
        string? remembered;
        await using (var first = await ServerWithServices.StartAsync(host, slackBot))
        {
            job = await JobOfAsync(await first.Client.PostFixtureAsync(Fixture));
            remembered = await Eventually.ReachesAsync(() => probe.AnnotationAsync(job, "openfero.io/slack-message-0"), a => a is not null, $"the message remembered on Job {job}");

            // Stopped once its follow-ups are recorded: a claim it still held would make the second wait for its expiry.
            await Eventually.ReachesAsync(() => probe.VerdictAsync(job), v => v is not null, $"Job {job}'s verdict");
        }

        await using var second = await ServerWithServices.StartAsync(host, slackBot);
        await JobPodEnding.EndAsync(host, job, 0, RolledOut);
        await Eventually.HoldsAsync(() => receiver.Requests.Any(r => r.Path == "/api/chat.update" && r.Body.Contains("rolledOut", StringComparison.Ordinal)),
            "the second server to update the message with the end");

        Assert.Equal("C0123/1795391200.000100", remembered);
        Assert.Single(receiver.Requests, r => r.Path == "/api/chat.postMessage");
        Assert.All(receiver.Requests.Where(r => r.Path == "/api/chat.update"), r => Assert.Equal(("C0123", "1795391200.000100"), (r.Json["channel"]!.GetValue<string>(), r.Json["ts"]!.GetValue<string>())));
    }

    private static string[] SlackAt(NotificationReceiver receiver) =>
        ["--Notifications:Destinations:0:Type", "Slack", "--Notifications:Destinations:0:Url", receiver.Url(SecretPath), "--Notifications:RetryBaseDelay", "00:00:00.010"];

    private static Task<string> MetricsAsync(ServerWithServices server) =>
        server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

    private static async Task<string> JobOfAsync(HttpResponseMessage answer)
    {
        var alert = await answer.FirstAlertAsync();
        Assert.Equal("jobCreated", alert["outcome"]!.GetValue<string>());
        return alert["job"]!.GetValue<string>();
    }
}
