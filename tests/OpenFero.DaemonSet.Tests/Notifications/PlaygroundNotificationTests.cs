using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Notifications;
using OpenFero.DaemonSet.Playground;

namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>
/// The playground as a person runs it, with a Slack destination on its command line: the alert it wrote starts a
/// remediation whose runner really runs, the web page is served beside the API, and the destination is told of the
/// start and of the end with the verdict and the outcome; a Slack bot's one message and a CloudEvents receiver are
/// also told of each step the runner takes, as it takes it.
/// </summary>
public sealed class PlaygroundNotificationTests
{
    private const string SecretPath = "/services/T0PLAY/B0PLAY/playground-secret";

    [Fact]
    public async Task The_playground_alert_with_a_Slack_destination_gives_a_start_and_an_end_message_and_shows_on_the_page()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var receiver = await NotificationReceiver.StartAsync();
        var folder = Directory.CreateTempSubdirectory("openfero-playground-").FullName;
        await using var playground = await PlaygroundSystem.StartAsync("stuck-rollout", Path.Combine(folder, "kubeconfig"),
            [
                "--urls", "http://127.0.0.1:0", "--Serilog:MinimumLevel:Default", "Warning",
                "--Notifications:Destinations:0:Type", "Slack", "--Notifications:Destinations:0:Url", receiver.Url(SecretPath),
            ],
            cancel);
        var alertFile = PlaygroundAlert.Write(Path.Combine(folder, "stuck-rollout-alert.json"), playground.DaemonSet, playground.Cluster.Time.GetUtcNow());
        using var http = new HttpClient { BaseAddress = new Uri(playground.Server.Urls.First()) };

        using var content = new StringContent(await File.ReadAllTextAsync(alertFile, cancel), System.Text.Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync(new Uri("/alerts", UriKind.Relative), content, cancel);
        var body = await answer.Content.ReadFromJsonAsync<JsonObject>(cancel);
        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative), cancel);
        await Eventually.HoldsAsync(() => receiver.Requests.Count >= 2, "a start and an end message at the Slack receiver", TimeSpan.FromMinutes(3));
        var history = await http.GetFromJsonAsync<JsonArray>(new Uri("/api/remediations", UriKind.Relative), cancel);

        Assert.Equal("jobCreated", body?["alerts"]?[0]?["outcome"]?.GetValue<string>());
        Assert.Contains("<title>Now · OpenFero DaemonSet</title>", page, StringComparison.Ordinal);
        Assert.All(receiver.Requests, r => Assert.Equal(SecretPath, r.Path));
        var start = string.Join("\n", PayloadShapes.SlackBlockKit(receiver.Requests[0].Json));
        var end = string.Join("\n", PayloadShapes.SlackBlockKit(receiver.Requests[1].Json));
        var record = Assert.Single(history!);
        var verdict = record!["verdict"]!.GetValue<string>();
        Assert.Contains("Remediating monitoring/node-exporter", start, StringComparison.Ordinal);
        Assert.Contains("Remediation of monitoring/node-exporter: rolledOut", end, StringComparison.Ordinal);
        Assert.Contains(verdict, end, StringComparison.Ordinal);
        Assert.Contains("TerminatingTooLong", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_playground_alert_with_a_Slack_bot_updates_one_message_with_each_step_and_CloudEvents_get_an_event_per_step()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Otherwise = request => request.Path.StartsWith("/api/", StringComparison.Ordinal)
            ? new ReceiverAnswer.Json(new JsonObject { ["ok"] = true, ["channel"] = "C0PLAY", ["ts"] = "1795391200.000100" })
            : new ReceiverAnswer.Status(200);
        var folder = Directory.CreateTempSubdirectory("openfero-playground-").FullName;
        await using var playground = await PlaygroundSystem.StartAsync("stuck-rollout", Path.Combine(folder, "kubeconfig"),
            [
                "--urls", "http://127.0.0.1:0", "--Serilog:MinimumLevel:Default", "Warning",
                "--Notifications:Destinations:0:Type", "Slack", "--Notifications:Destinations:0:Url", receiver.Url("/api"),
                "--Notifications:Destinations:0:Token", "xoxb-playground", "--Notifications:Destinations:0:Channel", "#remediations",
                "--Notifications:Destinations:1:Type", "CloudEvents", "--Notifications:Destinations:1:Url", receiver.Url("/events"),
            ],
            cancel);
        var alertFile = PlaygroundAlert.Write(Path.Combine(folder, "stuck-rollout-alert.json"), playground.DaemonSet, playground.Cluster.Time.GetUtcNow());
        using var http = new HttpClient { BaseAddress = new Uri(playground.Server.Urls.First()) };

        using var content = new StringContent(await File.ReadAllTextAsync(alertFile, cancel), System.Text.Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync(new Uri("/alerts", UriKind.Relative), content, cancel);
        await Eventually.HoldsAsync(() => receiver.Requests.Any(r => r.Path == "/events" && r.Body.Contains("remediation.ended", StringComparison.Ordinal)),
            "the end at the CloudEvents receiver", TimeSpan.FromMinutes(3));
        await Eventually.HoldsAsync(() => receiver.Requests.Any(r => r.Path == "/api/chat.update" && r.Body.Contains("rolledOut", StringComparison.Ordinal)),
            "the Slack message updated with the end", TimeSpan.FromMinutes(1));

        var slack = receiver.Requests.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.Equal("/api/chat.postMessage", slack[0].Path);
        Assert.All(slack.Skip(1), r => Assert.Equal(("/api/chat.update", "1795391200.000100"), (r.Path, r.Json["ts"]!.GetValue<string>())));
        var texts = slack.Select(r => string.Join("\n", PayloadShapes.SlackBlockKit(r.Json))).ToList();
        var endAt = texts.FindIndex(t => t.Contains("Remediation of monitoring/node-exporter: rolledOut", StringComparison.Ordinal));
        Assert.Contains(texts.Take(endAt), t => t.Contains("*Steps*", StringComparison.Ordinal) && t.Contains(" RemediationPlanned: ", StringComparison.Ordinal));

        var events = receiver.Requests.Where(r => r.Path == "/events").Select(PayloadShapes.CloudEvent).ToList();
        var steps = events.Where(e => e.Type == RemediationCloudEvent.TypePrefix + "step").ToList();
        Assert.Equal(RemediationCloudEvent.TypePrefix + "started", events[0].Type);
        Assert.Equal(RemediationCloudEvent.TypePrefix + "ended", events[^1].Type);
        Assert.NotEmpty(steps);
        Assert.Equal(Enumerable.Range(1, steps.Count).Select(n => $".step.{n}"), steps.Select(e => e.Id![e.Id!.IndexOf(".step.", StringComparison.Ordinal)..]));
        var firstStep = JsonNode.Parse(((System.Text.Json.JsonElement)steps[0].Data!).GetRawText())!;
        Assert.Contains(" RemediationPlanned: ", firstStep["step"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
