using System.Threading.Channels;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// One configured destination: its route, a bounded queue that the remediation path only writes to, and the loop
/// that sends from it in order (a start before its end). A message that fails after the pipeline's retries is
/// counted and dropped; the next one is tried as usual.
/// </summary>
public sealed class NotificationDestination
{
    private readonly DestinationOptions options;
    private readonly DestinationClient client;
    private readonly NotificationMetrics metrics;
    private readonly DestinationHealth health;
    private readonly Channel<RemediationNotice> queue;

    public NotificationDestination(DestinationOptions options, DestinationClient client, int capacity, NotificationMetrics metrics, DestinationHealth health)
    {
        this.options = options;
        this.client = client;
        this.metrics = metrics;
        this.health = health;
        queue = Channel.CreateBounded<RemediationNotice>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public DestinationType Type => options.Type!.Value;

    /// <summary>Whether it hears of each step a runner takes, which someone must then follow (<see cref="RemediationStepFollower"/>).</summary>
    public bool HearsSteps => client.Hears(NoticeEvent.Step);

    /// <summary>Queues the notice when the route lets it through; never waits. A full queue drops it, counted as <c>queueFull</c>.</summary>
    public void Offer(RemediationNotice notice)
    {
        if (!DestinationRoute.Allows(options, notice) || !client.Hears(notice.Event))
        {
            return;
        }

        if (!queue.Writer.TryWrite(notice))
        {
            metrics.Failed(Type, "queueFull");
        }
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var notice in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await client.SendAsync(notice, stoppingToken);
                metrics.Sent(Type, notice.EventName);
                health.Delivered();
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                var reason = NotificationFailure.ReasonOf(error);
                metrics.Failed(Type, reason);
                health.Failed(reason, Problem(error));
            }
        }
    }

    /// <summary>What went wrong, in words that cannot hold the URL.</summary>
    private static string Problem(Exception error) => error switch
    {
        NotificationFailure failure => failure.Message,
        HttpRequestException transport => $"the request failed: {transport.HttpRequestError}",
        TimeoutRejectedException => "no answer in time",
        _ => error.GetType().Name,
    };
}
