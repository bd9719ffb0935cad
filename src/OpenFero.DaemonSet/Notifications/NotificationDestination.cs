using System.Collections.Concurrent;
using System.Threading.Channels;
using Polly.Timeout;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// One configured destination: its route, a bounded queue that the remediation path only writes to, and the loop
/// that sends from it in order (a start before its end). A message that fails after the pipeline's retries is
/// counted and dropped; the next one is tried as usual. Where a step's message replaces the one before (a Slack bot's
/// update), a step that waits behind a later step of the same remediation is not sent: the later one carries every
/// step, so a burst of steps is one update, not one per step (Slack takes about one <c>chat.update</c> a second).
/// An event sink gets every step.
/// </summary>
public sealed class NotificationDestination
{
    private readonly DestinationOptions options;
    private readonly DestinationClient client;
    private readonly NotificationMetrics metrics;
    private readonly DestinationHealth health;
    private readonly Channel<RemediationNotice> queue;

    /// <summary>The most steps a queued step notice carries, by remediation; an entry lives while its steps wait.</summary>
    private readonly ConcurrentDictionary<string, int> latestSteps = new(StringComparer.Ordinal);

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
        else if (notice.Event == NoticeEvent.Step && client.ReplacesSteps)
        {
            var count = notice.Steps?.Count ?? 0;
            latestSteps.AddOrUpdate(Key(notice), count, (_, queued) => Math.Max(queued, count));
        }
    }

    /// <summary>Whether a later step of the same remediation waits in the queue; once the latest is taken, its entry goes.</summary>
    private bool Superseded(RemediationNotice notice)
    {
        if (notice.Event != NoticeEvent.Step || !client.ReplacesSteps)
        {
            return false;
        }

        var count = notice.Steps?.Count ?? 0;
        if (latestSteps.TryGetValue(Key(notice), out var latest) && latest > count)
        {
            return true;
        }

        latestSteps.TryRemove(new KeyValuePair<string, int>(Key(notice), count));
        return false;
    }

    private static string Key(RemediationNotice notice) => $"{notice.JobNamespace}/{notice.Job}";

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var notice in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (Superseded(notice))
            {
                continue;
            }

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
