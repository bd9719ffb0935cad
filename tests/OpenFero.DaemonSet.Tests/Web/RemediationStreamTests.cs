using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.History;
using OpenFero.DaemonSet.Tests.Infrastructure;
using OpenFero.DaemonSet.Web;

namespace OpenFero.DaemonSet.Tests.Web;

/// <summary>The remediation stream: numbered events, a heartbeat when nothing changes, and a reconnect that resumes where it left off.</summary>
public sealed class RemediationStreamTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_stream_sends_the_current_set_then_each_change_and_a_heartbeat_when_nothing_changes()
    {
        var feed = new RemediationFeed();
        feed.Note(Record("job-a", "running"));
        feed.Note(Record("job-b", "running"));
        var time = new FakeTimeProvider();
        await using var events = RemediationStreamApi.Events(feed, 0, Json, time, Cancel).GetAsyncEnumerator(Cancel);

        var first = await NextAsync(events);
        var second = await NextAsync(events);
        var quiet = events.MoveNextAsync();
        while (!quiet.IsCompleted)
        {
            // The wait starts on the stream's own schedule: the clock moves on until it has seen a whole heartbeat pass.
            time.Advance(RemediationStreamApi.Heartbeat);
            await Task.Yield();
        }

        await quiet;
        var heartbeat = events.Current;
        feed.Note(Record("job-a", "succeeded"));
        var change = await NextAsync(events);

        Assert.Equal(("remediation", $"{feed.Epoch}.1", "job-a"), (first.EventType, first.EventId, Job(first)));
        Assert.Equal(("remediation", $"{feed.Epoch}.2", "job-b"), (second.EventType, second.EventId, Job(second)));
        Assert.Equal(("heartbeat", null), (heartbeat.EventType, heartbeat.EventId));
        Assert.Equal(("remediation", $"{feed.Epoch}.3", "job-a"), (change.EventType, change.EventId, Job(change)));
        Assert.Equal("succeeded", JsonDocument.Parse(change.Data).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public void A_reconnect_resumes_after_its_last_event_id_and_an_unknown_id_gets_the_full_set()
    {
        var feed = new RemediationFeed();
        feed.Note(Record("job-a", "running"));
        feed.Note(Record("job-b", "running"));
        feed.Note(Record("job-b", "running"));
        feed.Note(Record("job-a", "succeeded"));

        var resumed = feed.Since(feed.ResumeAfter($"{feed.Epoch}.2")).Changes;

        Assert.Equal([(3L, "job-a")], resumed.Select(c => (c.Sequence, c.Record.Job)));
        Assert.Equal(0, feed.ResumeAfter(null));
        Assert.Equal(0, feed.ResumeAfter("0badc0de.2"));
        Assert.Equal(0, feed.ResumeAfter($"{feed.Epoch}.99"));
        Assert.Equal(0, feed.ResumeAfter($"{feed.Epoch}.-1"));
        Assert.Equal(["job-b", "job-a"], feed.Since(0).Changes.Select(c => c.Record.Job));
    }

    [Fact]
    public async Task A_record_gone_from_the_history_is_a_removed_event_to_readers_that_had_it_and_absent_for_new_ones()
    {
        var feed = new RemediationFeed();
        feed.Note(Record("job-a", "succeeded"));
        feed.Note(Record("job-b", "running"));
        await using var events = RemediationStreamApi.Events(feed, 0, Json, new FakeTimeProvider(), Cancel).GetAsyncEnumerator(Cancel);
        await NextAsync(events);
        await NextAsync(events);

        feed.Remove("job-a");
        feed.Remove("job-a");
        var removed = await NextAsync(events);
        feed.Note(Record("job-b", "succeeded"));
        var after = await NextAsync(events);

        Assert.Equal(("removed", $"{feed.Epoch}.3", "job-a"), (removed.EventType, removed.EventId, Job(removed)));
        Assert.Equal(("remediation", $"{feed.Epoch}.4", "job-b"), (after.EventType, after.EventId, Job(after)));
        Assert.Equal(["job-b"], feed.Since(0).Changes.Select(c => c.Record.Job));
        Assert.Equal([(3L, true), (4L, false)], feed.Since(2).Changes.Select(c => (c.Sequence, c.Removed)));
    }

    [Fact]
    public void A_reader_gets_only_what_changed_after_its_number_in_the_order_it_changed()
    {
        var feed = new RemediationFeed();
        foreach (var index in Enumerable.Range(0, 1000))
        {
            feed.Note(Record($"job-{index}", "running"));
        }

        feed.Note(Record("job-10", "succeeded"));
        feed.Note(Record("job-5", "failed"));
        feed.Note(Record("job-10", "succeeded"));

        Assert.Equal([(1001L, "job-10"), (1002L, "job-5")], feed.Since(1000).Changes.Select(c => (c.Sequence, c.Record.Job)));
        Assert.Equal(1000, feed.Since(0).Changes.Count);
        Assert.Equal("job-5", feed.Since(0).Changes[^1].Record.Job);
    }

    [Fact]
    public async Task An_alert_posted_to_the_server_arrives_on_its_stream_as_a_numbered_remediation_event()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        using var response = await server.GetAsync(new Uri("/api/remediations/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancel);
        await using var body = await response.Content.ReadAsStreamAsync(Cancel);
        await using var events = SseParser.Create(body).EnumerateAsync(Cancel).GetAsyncEnumerator(Cancel);

        var job = (await (await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).JsonAsync())["alerts"]![0]!["job"]!.GetValue<string>();
        SseItem<string> arrived;
        do
        {
            Assert.True(await events.MoveNextAsync(), "the stream ended");
            arrived = events.Current;
        }
        while (arrived.EventType != "remediation");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(job, Job(arrived));
        Assert.Matches("^[0-9a-f]{8}\\.[0-9]+$", arrived.EventId);
        Assert.Equal("monitoring/node-exporter", JsonDocument.Parse(arrived.Data).RootElement.GetProperty("target").GetString());
    }

    private static async Task<SseItem<string>> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        Assert.True(await events.MoveNextAsync());
        return events.Current;
    }

    private static string? Job(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.GetProperty("job").GetString();

    private static RemediationRecord Record(string job, string state) =>
        new(job, "openfero-daemonset-remediate", "KubeDaemonSetRolloutStuck", "bf3f2cdae9d34948", "monitoring/node-exporter", state, null, null, null, null, null, null);
}
