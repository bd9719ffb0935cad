using System.Text.Json;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Notifications;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>Each destination type, configured by its keys and sent to a real receiver, posts what its platform requires.</summary>
public sealed class DestinationPayloadTests
{
    [Fact]
    public async Task Slack_and_Teams_webhooks_get_a_start_and_an_end_and_CloudEvents_an_event_per_transition_in_their_platforms_shape()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await using var notifications = await SenderHost.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Notifications:Destinations:0:Type"] = "Slack",
            ["Notifications:Destinations:0:Url"] = receiver.Url("/slack/T1/B1/secret"),
            ["Notifications:Destinations:1:Type"] = "Teams",
            ["Notifications:Destinations:1:Url"] = receiver.Url("/teams/workflows/secret"),
            ["Notifications:Destinations:2:Type"] = "CloudEvents",
            ["Notifications:Destinations:2:Url"] = receiver.Url("/events"),
        });

        notifications.Sender.Offer(Notices.Started());
        notifications.Sender.Offer(Notices.Started() with { Event = NoticeEvent.Analyzed, Verdict = "new revision cannot pull its image" });
        notifications.Sender.Offer(Notices.Step(1));
        notifications.Sender.Offer(Notices.Ended());
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 8, "a start and an end at each webhook, four events at the CloudEvents receiver");
        var slack = At(receiver, "/slack/T1/B1/secret");
        var teams = At(receiver, "/teams/workflows/secret");
        var events = At(receiver, "/events");

        var slackStart = string.Join("\n", PayloadShapes.SlackBlockKit(slack[0].Json));
        var slackEnd = string.Join("\n", PayloadShapes.SlackBlockKit(slack[1].Json));
        Assert.Contains("Remediating monitoring/node-exporter", slackStart, StringComparison.Ordinal);
        Assert.Contains("kubectl logs -f job/kube-daemonset-rollout-stuck-0123456789 -n openfero", slackStart, StringComparison.Ordinal);
        Assert.Contains("Remediation of monitoring/node-exporter: rolledOut after 3m", slackEnd, StringComparison.Ordinal);
        Assert.Contains("*Verdict*\nnew revision cannot pull its image on 1/3 updated pods (worker-2)", slackEnd, StringComparison.Ordinal);
        Assert.Contains("successfully rolled out", slackEnd, StringComparison.Ordinal);
        Assert.Contains("kubectl rollout status daemonset/node-exporter -n monitoring", slackEnd, StringComparison.Ordinal);

        PayloadShapes.TeamsAdaptiveCard(teams[0].Json);
        var teamsEnd = PayloadShapes.TeamsAdaptiveCard(teams[1].Json);
        Assert.Contains("Outcome: rolledOut", teamsEnd);
        Assert.Contains("Verdict: new revision cannot pull its image on 1/3 updated pods (worker-2)", teamsEnd);

        var cloudEvents = events.Select(PayloadShapes.CloudEvent).ToList();
        var ended = cloudEvents[3];
        Assert.Equal(["started", "analyzed", "step", "ended"], cloudEvents.Select(e => e.Type!.Replace("io.openfero.daemonset.remediation.", "", StringComparison.Ordinal)));
        Assert.Equal("kube-daemonset-rollout-stuck-0123456789.step.1", cloudEvents[2].Id);
        var step = JsonNode.Parse(((JsonElement)cloudEvents[2].Data!).GetRawText())!;
        Assert.Equal(Notices.StepLine(1), step["step"]!.GetValue<string>());
        Assert.Equal([Notices.StepLine(1)], step["steps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("monitoring/node-exporter", ended.Subject);
        Assert.Equal("kube-daemonset-rollout-stuck-0123456789.ended", ended.Id);
        Assert.Equal(Notices.At, ended.Time);
        Assert.Equal("application/json", ended.DataContentType);
        var data = JsonNode.Parse(((JsonElement)ended.Data!).GetRawText())!;
        Assert.Equal(("rolledOut", "node-exporter"), (data["outcome"]!.GetValue<string>(), data["daemonSet"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_Slack_bot_token_posts_one_message_and_updates_it_with_the_verdict_each_step_and_the_end()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Otherwise = request => new ReceiverAnswer.Json(new JsonObject { ["ok"] = true, ["channel"] = "C0123", ["ts"] = "1795391200.000100" });
        await using var notifications = await SenderHost.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Notifications:Destinations:0:Type"] = "Slack",
            ["Notifications:Destinations:0:Url"] = receiver.Url("/api"),
            ["Notifications:Destinations:0:Token"] = "xoxb-test-token",
            ["Notifications:Destinations:0:Channel"] = "#remediations",
        });

        notifications.Sender.Offer(Notices.Started());
        notifications.Sender.Offer(Notices.Started() with { Event = NoticeEvent.Analyzed, Verdict = "new revision cannot pull its image" });
        notifications.Sender.Offer(Notices.Step(1));
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 3, "the post, the verdict and the first step");
        notifications.Sender.Offer(Notices.Step(2));
        notifications.Sender.Offer(Notices.Ended());
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 5, "the post and its four updates");
        var requests = receiver.Requests;

        Assert.Equal(["/api/chat.postMessage", "/api/chat.update", "/api/chat.update", "/api/chat.update", "/api/chat.update"], requests.Select(r => r.Path));
        Assert.All(requests, r => Assert.Equal("Bearer xoxb-test-token", r.Authorization));
        Assert.All(requests, r => PayloadShapes.SlackBlockKit(r.Json));
        Assert.Equal("#remediations", requests[0].Json["channel"]!.GetValue<string>());
        Assert.All(requests.Skip(1), r => Assert.Equal(("C0123", "1795391200.000100"), (r.Json["channel"]!.GetValue<string>(), r.Json["ts"]!.GetValue<string>())));
        Assert.Contains("new revision cannot pull its image", requests[1].Body, StringComparison.Ordinal);
        var secondStep = string.Join("\n", PayloadShapes.SlackBlockKit(requests[3].Json));
        Assert.Contains($"*Steps*\n{Notices.StepLine(1)}\n{Notices.StepLine(2)}", secondStep, StringComparison.Ordinal);
        Assert.Contains("rolledOut", requests[4].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_waiting_behind_a_later_step_are_one_Slack_update_carrying_them_all_and_every_step_is_a_CloudEvent()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var posted = new JsonObject { ["ok"] = true, ["channel"] = "C0123", ["ts"] = "1795391200.000100" };
        var releasedSlack = new TaskCompletionSource();
        var releasedEvents = new TaskCompletionSource();
        receiver.Then(new ReceiverAnswer.HeldUntil(releasedSlack.Task, new ReceiverAnswer.Json(posted)), new ReceiverAnswer.HeldUntil(releasedEvents.Task, new ReceiverAnswer.Status(200)));
        receiver.Otherwise = r => r.Path.StartsWith("/api/", StringComparison.Ordinal) ? new ReceiverAnswer.Json(posted) : new ReceiverAnswer.Status(200);
        await using var notifications = await SenderHost.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Notifications:Destinations:0:Type"] = "Slack",
            ["Notifications:Destinations:0:Url"] = receiver.Url("/api"),
            ["Notifications:Destinations:0:Token"] = "xoxb-test-token",
            ["Notifications:Destinations:0:Channel"] = "#remediations",
        });
        await using var events = await SenderHost.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Notifications:Destinations:0:Type"] = "CloudEvents",
            ["Notifications:Destinations:0:Url"] = receiver.Url("/events"),
        });

        notifications.Sender.Offer(Notices.Started());
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 1, "the Slack start to be held at the receiver");
        events.Sender.Offer(Notices.Started());
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 2, "the CloudEvents start to be held at the receiver");
        foreach (var step in Enumerable.Range(1, 3))
        {
            notifications.Sender.Offer(Notices.Step(step));
            events.Sender.Offer(Notices.Step(step));
        }

        releasedSlack.SetResult();
        releasedEvents.SetResult();
        await Eventually.HoldsAsync(() => receiver.Requests.Count(r => r.Path == "/api/chat.update") == 1 && receiver.Requests.Count(r => r.Path == "/events") == 4,
            "one Slack update and three step events");
        notifications.Sender.Offer(Notices.Step(4));
        await Eventually.HoldsAsync(() => receiver.Requests.Count(r => r.Path == "/api/chat.update") == 2, "the next step's update");

        var updates = receiver.Requests.Where(r => r.Path == "/api/chat.update").Select(r => string.Join("\n", PayloadShapes.SlackBlockKit(r.Json))).ToList();
        Assert.Equal(["step.1", "step.2", "step.3"], receiver.Requests.Where(r => r.Path == "/events").Skip(1).Select(r => PayloadShapes.CloudEvent(r).Id![^6..]));
        Assert.Contains($"*Steps*\n{string.Join("\n", Enumerable.Range(1, 3).Select(Notices.StepLine))}", updates[0], StringComparison.Ordinal);
        Assert.EndsWith(Notices.StepLine(4), updates[1].Split("\n*Next*", StringSplitOptions.None)[0], StringComparison.Ordinal);
        Assert.Equal(2, notifications.Count("notifications_sent_total{destination_type=slack,event=step}"));
    }

    [Fact]
    public async Task A_Slack_refusal_with_ok_false_is_counted_by_its_error()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Otherwise = _ => new ReceiverAnswer.Json(new JsonObject { ["ok"] = false, ["error"] = "channel_not_found" });
        await using var notifications = await SenderHost.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Notifications:Destinations:0:Type"] = "Slack",
            ["Notifications:Destinations:0:Url"] = receiver.Url("/api"),
            ["Notifications:Destinations:0:Token"] = "xoxb-test-token",
            ["Notifications:Destinations:0:Channel"] = "#nowhere",
        });

        notifications.Sender.Offer(Notices.Started());

        await Eventually.HoldsAsync(() => notifications.Count("notifications_failed_total{destination_type=slack,reason=slack:channel_not_found}") == 1, "the refusal to be counted");
    }

    [Fact]
    public async Task The_url_is_read_from_UrlFile_at_each_send()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var file = Path.Combine(Directory.CreateTempSubdirectory("openfero-url-").FullName, "url");
        await File.WriteAllTextAsync(file, receiver.Url("/first") + "\n", TestContext.Current.CancellationToken);
        await using var notifications = await SenderHost.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Notifications:Destinations:0:Type"] = "Teams",
            ["Notifications:Destinations:0:UrlFile"] = file,
        });

        notifications.Sender.Offer(Notices.Started());
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 1, "the start");
        await File.WriteAllTextAsync(file, receiver.Url("/rotated"), TestContext.Current.CancellationToken);
        notifications.Sender.Offer(Notices.Ended());
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 2, "the end");

        Assert.Equal(["/first", "/rotated"], receiver.Requests.Select(r => r.Path));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    private static List<ReceivedRequest> At(NotificationReceiver receiver, string path) => [.. receiver.Requests.Where(r => r.Path == path)];
}
