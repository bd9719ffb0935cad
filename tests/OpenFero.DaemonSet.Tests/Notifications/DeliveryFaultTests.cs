namespace OpenFero.DaemonSet.Tests.Notifications;

/// <summary>A destination that refuses, fails or hangs, against a real receiver: retried as it asks, counted, never waited on.</summary>
public sealed class DeliveryFaultTests
{
    private const string SecretPath = "/services/T0001/B0001/s3cr3t";

    [Fact]
    public async Task A_429_is_sent_again_only_once_its_Retry_After_has_passed_on_the_injected_clock()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Then(new ReceiverAnswer.Status(429, RetryAfterSeconds: 30));
        var time = new TimerWatchingClock(Notices.At);
        receiver.Clock = time;
        await using var notifications = await SenderHost.StartAsync(time, Slack(receiver));

        notifications.Sender.Offer(Notices.Started());
        await Eventually.HoldsAsync(() => receiver.Requests.Count == 1, "the first attempt");
        await Eventually.HoldsAsync(() => time.DueTimes.Contains(TimeSpan.FromSeconds(30)), "the retry to wait for the 30 s the receiver asked");
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(receiver.Requests);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => notifications.Count("notifications_sent_total{destination_type=slack,event=started}") == 1, "the message to be taken");

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(30), receiver.Requests[1].At - receiver.Requests[0].At);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        Assert.Equal(1, notifications.Count("notifications_retries_total{destination_type=slack,reason=429}"));
    }

    [Fact]
    public async Task A_500_is_retried_and_the_message_is_counted_as_sent_once_taken()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Then(new ReceiverAnswer.Status(500));
        await using var notifications = await SenderHost.StartAsync(TimeProvider.System, Slack(receiver));

        notifications.Sender.Offer(Notices.Started());
        await Eventually.HoldsAsync(() => notifications.Count("notifications_sent_total{destination_type=slack,event=started}") == 1, "the message to be taken");

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(1, notifications.Count("notifications_retries_total{destination_type=slack,reason=500}"));
        Assert.Equal(0, notifications.Count("notifications_failed_total{destination_type=slack,reason=500}"));
    }

    [Fact]
    public async Task A_hanging_receiver_times_out_every_attempt_and_each_message_is_counted_as_failed()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Otherwise = _ => new ReceiverAnswer.Hang();
        var settings = Slack(receiver);
        settings["Notifications:AttemptTimeout"] = "00:00:00.200";
        settings["Notifications:MaxRetryAttempts"] = "1";
        await using var notifications = await SenderHost.StartAsync(TimeProvider.System, settings);

        notifications.Sender.Offer(Notices.Started());
        notifications.Sender.Offer(Notices.Ended());
        await Eventually.HoldsAsync(() => notifications.Count("notifications_failed_total{destination_type=slack,reason=TimeoutRejectedException}") == 2,
            "both messages to fail");

        // Two attempts per message; an attempt given up while its body was still being read is not recorded.
        Assert.InRange(receiver.Requests.Count, 2, 4);
        await Eventually.HoldsAsync(() => receiver.Hanging == 0, "the sender to have given up every request");
        Assert.Equal(0, notifications.Count("notifications_sent_total{destination_type=slack,event=started}"));
    }

    [Fact]
    public async Task A_full_queue_drops_the_newest_message_and_counts_it()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Otherwise = _ => new ReceiverAnswer.Hang();
        var settings = Slack(receiver);
        settings["Notifications:QueueCapacity"] = "1";
        await using var notifications = await SenderHost.StartAsync(TimeProvider.System, settings);

        notifications.Sender.Offer(Notices.Started("job-1"));
        await Eventually.HoldsAsync(() => receiver.Hanging == 1, "the first message to hang at the receiver");
        notifications.Sender.Offer(Notices.Started("job-2"));
        notifications.Sender.Offer(Notices.Started("job-3"));

        Assert.Equal(1, notifications.Count("notifications_failed_total{destination_type=slack,reason=queueFull}"));
    }

    internal static Dictionary<string, string?> Slack(NotificationReceiver receiver) => new()
    {
        ["Notifications:Destinations:0:Type"] = "Slack",
        ["Notifications:Destinations:0:Url"] = receiver.Url(SecretPath),
        ["Notifications:RetryBaseDelay"] = "00:00:00.001",
    };
}
