using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Sends a destination its messages, each POST through the destination's <see cref="NotificationPipeline"/>. A
/// message that is not taken in the end throws <see cref="NotificationFailure"/> (or the pipeline's timeout).
/// </summary>
public abstract class DestinationClient(DestinationOptions destination, HttpClient http, ResiliencePipeline<HttpResponseMessage> pipeline)
{
    /// <summary>
    /// Which transitions the destination hears of: a webhook that can only post takes a start and an end; one that
    /// updates its message, or takes an event per transition, also hears of the verdict and each step.
    /// </summary>
    public virtual bool Hears(NoticeEvent @event) => @event is NoticeEvent.Started or NoticeEvent.Ended;

    /// <summary>Whether a step's message replaces the one before (an updated message): then a step waiting behind a later one need not be sent.</summary>
    public virtual bool ReplacesSteps => false;

    protected DestinationOptions Destination { get; } = destination;

    /// <summary>The client of destination number <paramref name="index"/> (<c>Notifications:Destinations:N</c>).</summary>
    public static DestinationClient Create(DestinationOptions destination, int index, HttpClient http, ResiliencePipeline<HttpResponseMessage> pipeline, IPostedMessageStore? messages) => destination switch
    {
        { Type: DestinationType.Slack, Token: { Length: > 0 } } => new SlackBotClient(destination, index, http, pipeline, messages),
        { Type: DestinationType.Slack } => new JsonWebhookClient(destination, http, pipeline, SlackMessage.Build),
        { Type: DestinationType.Teams } => new JsonWebhookClient(destination, http, pipeline, TeamsMessage.Build),
        { Type: DestinationType.CloudEvents } => new CloudEventsClient(destination, http, pipeline),
        _ => throw new ArgumentOutOfRangeException(nameof(destination), destination.Type, "no such destination type"),
    };

    public abstract Task SendAsync(RemediationNotice notice, CancellationToken cancellationToken);

    /// <summary>Posts a body made afresh for each attempt; answers the successful response, which the caller disposes.</summary>
    protected async Task<HttpResponseMessage> PostAsync(Uri url, Func<HttpContent> body, CancellationToken cancellationToken, string? bearer = null)
    {
        var response = await pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body() };
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            return await http.SendAsync(request, token);
        }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw NotificationFailure.Of(response);
            }
        }

        return response;
    }

    protected static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
