using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Polly;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Slack's Web API with a bot token: a remediation's start is posted (<c>chat.postMessage</c>) and its verdict, each
/// step and its end update that message (<c>chat.update</c>). The message is remembered in memory and, through the
/// <see cref="IPostedMessageStore"/>, on the Job (<c>openfero.io/slack-message-N: CHANNEL/TS</c>, N the destination's
/// number), so an end recorded by another replica, or after a restart, updates it too; one whose message is not
/// known (its start was not taken, or the store was not written in time) is posted as a message of its own.
/// </summary>
public sealed class SlackBotClient(DestinationOptions destination, int index, HttpClient http, ResiliencePipeline<HttpResponseMessage> pipeline, IPostedMessageStore? messages)
    : DestinationClient(destination, http, pipeline)
{
    /// <summary>The Job annotations that remember a Slack bot's message, one per destination: this prefix and its number.</summary>
    public const string MessageAnnotationPrefix = "openfero.io/slack-message-";

    private readonly ConcurrentDictionary<string, PostedMessage> posted = new(StringComparer.Ordinal);
    private readonly string annotation = MessageAnnotationPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override bool Hears(NoticeEvent @event) => true;

    public override bool ReplacesSteps => true;

    public override async Task SendAsync(RemediationNotice notice, CancellationToken cancellationToken)
    {
        var key = $"{notice.JobNamespace}/{notice.Job}";
        var message = SlackMessage.Build(notice);
        if (posted.TryGetValue(key, out var earlier) || (earlier = Remembered(notice)) is not null)
        {
            message["channel"] = earlier.Channel;
            message["ts"] = earlier.Ts;
            await CallAsync("chat.update", message, cancellationToken);
        }
        else if (notice.Event is NoticeEvent.Analyzed or NoticeEvent.Step)
        {
            // Not this replica's message (or its start was not taken): the end says the verdict and the steps too.
            return;
        }
        else
        {
            message["channel"] = Destination.Channel;
            var answer = await CallAsync("chat.postMessage", message, cancellationToken);
            if (notice.Event != NoticeEvent.Ended && answer["ts"]?.GetValue<string>() is { } ts)
            {
                var made = new PostedMessage(answer["channel"]?.GetValue<string>() ?? Destination.Channel!, ts);
                posted[key] = made;
                if (messages is not null)
                {
                    await messages.RememberAsync(notice.JobNamespace, notice.Job, annotation, $"{made.Channel}/{made.Ts}", cancellationToken);
                }
            }
        }

        if (notice.Event == NoticeEvent.Ended)
        {
            posted.TryRemove(key, out _);
        }
    }

    /// <summary>The message the Job remembers for this destination, as the notice read it from the Job.</summary>
    private PostedMessage? Remembered(RemediationNotice notice) =>
        notice.PostedMessages?.TryGetValue(annotation, out var value) == true && value.Split('/') is [{ Length: > 0 } channel, { Length: > 0 } ts]
            ? new PostedMessage(channel, ts)
            : null;

    /// <summary>A Web API method; Slack answers 200 with <c>"ok": false</c> when it refuses, which is a failure here.</summary>
    private async Task<JsonNode> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        var api = DestinationUrl.Resolve(Destination);
        using var response = await PostAsync(new Uri($"{api.ToString().TrimEnd('/')}/{method}"), () => Json(body), cancellationToken, Destination.Token);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) ?? new JsonObject();
        return answer["ok"]?.GetValue<bool>() == true
            ? answer
            : throw new NotificationFailure($"slack:{answer["error"]?.GetValue<string>() ?? "unknown"}", $"{method} answered ok=false");
    }

    private sealed record PostedMessage(string Channel, string Ts);
}
