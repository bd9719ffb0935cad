using System.Text.Json.Nodes;
using Polly;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>A webhook that takes one JSON message per transition: Slack's incoming webhook (Block Kit), a Teams workflow (Adaptive Card).</summary>
public sealed class JsonWebhookClient(DestinationOptions destination, HttpClient http, ResiliencePipeline<HttpResponseMessage> pipeline, Func<RemediationNotice, JsonObject> message)
    : DestinationClient(destination, http, pipeline)
{
    public override async Task SendAsync(RemediationNotice notice, CancellationToken cancellationToken)
    {
        var body = message(notice);
        using var _ = await PostAsync(DestinationUrl.Resolve(Destination), () => Json(body), cancellationToken);
    }
}
