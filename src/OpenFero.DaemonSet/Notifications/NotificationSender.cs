using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// The configured destinations and their send loops. <see cref="Offer"/> is all the remediation path does: it
/// returns at once, whatever the destinations' state; the loops run for the host's lifetime.
/// </summary>
public sealed class NotificationSender : BackgroundService
{
    public const string HttpClientName = "notifications";

    /// <param name="messages">Where a Slack bot's messages are remembered beyond this process; without one (a host with no cluster), only in memory.</param>
    public NotificationSender(
        IOptions<NotificationOptions> options, IHttpClientFactory clients, NotificationMetrics metrics, TimeProvider time, ILoggerFactory loggers, IPostedMessageStore? messages = null)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger<NotificationSender>();
        Destinations = [.. settings.Destinations.Select((destination, index) =>
        {
            var type = destination.Type!.Value;
            var pipeline = NotificationPipeline.Build(settings, time, reason => metrics.Retried(type, reason));
            var client = DestinationClient.Create(destination, index, clients.CreateClient(HttpClientName), pipeline, messages);
            return new NotificationDestination(destination, client, settings.QueueCapacity, metrics, new DestinationHealth(DestinationUrl.Describe(destination, index), type, logger));
        })];
    }

    public IReadOnlyList<NotificationDestination> Destinations { get; }

    public void Offer(RemediationNotice notice)
    {
        // By index: a foreach over the interface would allocate an enumerator on every offer.
        for (var index = 0; index < Destinations.Count; index++)
        {
            Destinations[index].Offer(notice);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(Destinations.Select(d => d.RunAsync(stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is not sent; the Jobs and their Events keep the record.
        }
    }
}
