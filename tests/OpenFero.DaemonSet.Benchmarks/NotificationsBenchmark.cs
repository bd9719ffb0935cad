using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using OpenFero.DaemonSet.Notifications;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// What telling the destinations costs the remediation path, and what the send loop delivers. <c>Offer</c> with three
/// destinations (Slack webhook, Teams, CloudEvents) whose receiver refuses connections and whose queues are full —
/// the worst case the remediation path meets — beside <c>TryWrite</c> on a full bounded channel, with the two parts
/// of <c>Offer</c> that allocate measured alone; then 2,000 notices sent by the loop to a local receiver answering
/// 200, beside as many plain HttpClient POSTs of the same bodies, run for run, with what building a body and the
/// resilience pipeline cost per message.
/// </summary>
internal static class NotificationsBenchmark
{
    private const int Runs = 5;
    private const int OfferCalls = 200_000;
    private const int PartCalls = 20_000;
    private const int QueueCapacity = 1000;
    private const int Notices = 2000;

    public static async Task RunAsync()
    {
        Console.WriteLine("## Notifications");
        await OfferAsync();
        PipelineCost();
        await using var receiver = await OkReceiver.StartAsync();
        await ThroughputAsync(receiver, DestinationType.Slack, "/services/T0000/B0000/XXXXXXXX", notice => new StringContent(SlackMessage.Build(notice).ToJsonString(), Encoding.UTF8, "application/json"));
        await ThroughputAsync(receiver, DestinationType.CloudEvents, "/events", notice =>
        {
            var (body, contentType) = RemediationCloudEvent.Encode(notice);
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return content;
        });
    }

    private static async Task OfferAsync()
    {
        var down = ClosedPort();
        await using var host = await NotificationHost.StartAsync(
            [
                (DestinationType.Slack, new Uri($"http://127.0.0.1:{down}/services/T0000/B0000/XXXXXXXX")),
                (DestinationType.Teams, new Uri($"http://127.0.0.1:{down}/workflows/teams")),
                (DestinationType.CloudEvents, new Uri($"http://127.0.0.1:{down}/events")),
            ],
            QueueCapacity);
        var sender = host.Sender;

        // Each loop takes one notice and retries it against the closed port for a minute; the queue behind it fills.
        var filling = SampleNotices.Started("warning");
        for (var i = 0; i <= QueueCapacity + 10; i++)
        {
            sender.Offer(filling);
        }

        await Task.Delay(500);
        var droppedBefore = await host.QueueFullAsync();
        var withSeverity = SampleNotices.Started("warning");
        var (offerNs, offerBytes) = PerCall.Median(Runs, OfferCalls, () => sender.Offer(withSeverity));
        var withoutSeverity = SampleNotices.Started(null);
        var (bareOfferNs, bareOfferBytes) = PerCall.Median(Runs, OfferCalls, () => sender.Offer(withoutSeverity));
        var dropped = await host.QueueFullAsync() - droppedBefore;
        var offered = 2 * PerCall.Made(Runs, OfferCalls) * sender.Destinations.Count;

        var full = Channel.CreateBounded<RemediationNotice>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        while (full.Writer.TryWrite(withSeverity))
        {
        }

        var (tryWriteNs, tryWriteBytes) = PerCall.Median(Runs, OfferCalls, () => full.Writer.TryWrite(withSeverity));
        var (rankNs, rankBytes) = PerCall.Median(Runs, PartCalls, () => AlertSeverity.Rank("warning"));
        var metrics = host.Metrics;
        var (countNs, countBytes) = PerCall.Median(Runs, PartCalls, () => metrics.Failed(DestinationType.Slack, "queueFull"));

        Console.WriteLine($"Offer, 3 destinations down (connection refused) with full queues ({QueueCapacity:N0}), median of {Runs} x {OfferCalls:N0} calls:");
        Console.WriteLine($"  alert labelled severity=warning: {PerCall.Ns(offerNs)}/call, {offerBytes:0.0} B allocated/call");
        Console.WriteLine($"  alert without a severity label:  {PerCall.Ns(bareOfferNs)}/call, {bareOfferBytes:0.0} B allocated/call");
        Console.WriteLine($"  baseline, TryWrite on a full bounded channel: {PerCall.Ns(tryWriteNs)}/call, {tryWriteBytes:0.0} B allocated/call");
        Console.WriteLine($"  ratio: {offerNs / tryWriteNs:0.0}x ({offerNs / sender.Destinations.Count / tryWriteNs:0.0}x per destination); without severity {bareOfferNs / tryWriteNs:0.0}x");
        Console.WriteLine($"  dropped as queueFull during the runs: {dropped:N0} of {offered:N0} offered to a destination");
        Console.WriteLine($"  parts, once per destination: AlertSeverity.Rank(\"warning\") {PerCall.Ns(rankNs)}, {rankBytes:0.0} B; the queueFull count (NotificationMetrics.Failed, the exposition listening) {PerCall.Ns(countNs)}, {countBytes:0.0} B");
    }

    /// <summary>What the resilience pipeline costs a message whose first attempt is answered at once.</summary>
    private static void PipelineCost()
    {
        var pipeline = NotificationPipeline.Build(new NotificationOptions(), TimeProvider.System);
        using var answered = new HttpResponseMessage(HttpStatusCode.OK);
        var (pipelineNs, pipelineBytes) = PerCall.Median(Runs, PartCalls, () => pipeline.ExecuteAsync(static (response, _) => ValueTask.FromResult(response), answered).AsTask().GetAwaiter().GetResult());
        Console.WriteLine($"resilience pipeline (total timeout, retry, attempt timeout) around an attempt answered at once: {PerCall.Ns(pipelineNs)}, {pipelineBytes:0} B per message");
    }

    private static async Task ThroughputAsync(OkReceiver receiver, DestinationType type, string path, Func<RemediationNotice, HttpContent> content)
    {
        var url = receiver.Url(path);
        var notices = SampleNotices.Ended(Notices);
        var bodies = new List<(byte[] Bytes, MediaTypeHeaderValue ContentType)>();
        foreach (var notice in notices)
        {
            using var made = content(notice);
            bodies.Add((await made.ReadAsByteArrayAsync(), made.Headers.ContentType!));
        }

        var next = 0;
        var (buildNs, buildBytes) = PerCall.Median(Runs, PartCalls / 10, () => content(notices[next++ % Notices]).Dispose());

        await using var host = await NotificationHost.StartAsync([(type, url)], Notices);
        var sender = host.Sender;
        using var http = new HttpClient();
        var loopTimes = new List<TimeSpan>();
        var plainTimes = new List<TimeSpan>();
        for (var run = 0; run <= Runs; run++)
        {
            var loop = Stopwatch.StartNew();
            var delivered = receiver.Expect(Notices);
            foreach (var notice in notices)
            {
                sender.Offer(notice);
            }

            await delivered;
            var loopTime = loop.Elapsed;
            var plainTime = await PostAllAsync(http, receiver, url, bodies);
            if (run > 0)
            {
                loopTimes.Add(loopTime);
                plainTimes.Add(plainTime);
            }
        }

        var ratios = loopTimes.Zip(plainTimes, (loop, plain) => plain / loop).ToArray();
        loopTimes.Sort();
        plainTimes.Sort();
        var loopRate = Notices / loopTimes[Runs / 2].TotalSeconds;
        var plainRate = Notices / plainTimes[Runs / 2].TotalSeconds;
        Console.WriteLine($"{type}: {Notices:N0} notices through the send loop to a receiver answering 200, median of {Runs}: {Measure.Ms(loopTimes[Runs / 2])} = {loopRate:N0} messages/s; " +
            $"plain HttpClient POSTs of the same bodies, one at a time (baseline): {Measure.Ms(plainTimes[Runs / 2])} = {plainRate:N0} messages/s; ratio {loopRate / plainRate:0.00}x " +
            $"(runs one by one: {string.Join(", ", ratios.Select(r => $"{r:0.00}x"))}); " +
            $"{(loopTimes[Runs / 2] - plainTimes[Runs / 2]).TotalMicroseconds / Notices:0} µs more per message, of which building the body {buildNs / 1000:0.0} µs ({buildBytes / 1024:0.0} KiB)");
    }

    /// <summary>The baseline: the bodies posted one after the other with a plain HttpClient, each answer checked.</summary>
    private static async Task<TimeSpan> PostAllAsync(HttpClient http, OkReceiver receiver, Uri url, List<(byte[] Bytes, MediaTypeHeaderValue ContentType)> bodies)
    {
        var watch = Stopwatch.StartNew();
        var delivered = receiver.Expect(bodies.Count);
        foreach (var (bytes, contentType) in bodies)
        {
            using var body = new ByteArrayContent(bytes);
            body.Headers.ContentType = contentType;
            using var response = await http.PostAsync(url, body);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"the receiver answered {response.StatusCode}");
            }
        }

        await delivered;
        return watch.Elapsed;
    }

    /// <summary>A loopback port nothing listens on: bound, then released, so a connection to it is refused.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
