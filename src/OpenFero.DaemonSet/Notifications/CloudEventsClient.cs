using System.Net.Http.Headers;
using Polly;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>CloudEvents 1.0 in structured JSON mode (<c>application/cloudevents+json</c>), one event per transition.</summary>
public sealed class CloudEventsClient(DestinationOptions destination, HttpClient http, ResiliencePipeline<HttpResponseMessage> pipeline)
    : DestinationClient(destination, http, pipeline)
{
    public override bool Hears(NoticeEvent @event) => true;

    public override async Task SendAsync(RemediationNotice notice, CancellationToken cancellationToken)
    {
        var (body, contentType) = RemediationCloudEvent.Encode(notice);
        using var _ = await PostAsync(DestinationUrl.Resolve(Destination), () =>
        {
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return content;
        }, cancellationToken);
    }
}
