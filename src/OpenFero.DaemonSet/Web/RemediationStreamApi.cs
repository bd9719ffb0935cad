using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpenFero.DaemonSet.Web;

/// <summary>
/// <c>GET /api/remediations/stream</c>: the remediation records as Server-Sent Events, one <c>remediation</c> event per
/// record that changed (the current set first) and a <c>removed</c> event (<c>{"job": NAME}</c>) per record gone from
/// the history, each with an id; a <c>heartbeat</c> event after
/// <see cref="Heartbeat"/> without a change, so a buffering proxy keeps the connection; on reconnect with
/// <c>Last-Event-ID</c>, only what changed since.
/// </summary>
public static class RemediationStreamApi
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapRemediationStream(this IEndpointRouteBuilder routes, Lazy<RemediationFeed> feed)
    {
        routes.MapGet("/api/remediations/stream", ([FromHeader(Name = "Last-Event-ID")] string? lastEventId, IOptions<JsonOptions> json, TimeProvider time, CancellationToken cancellationToken) =>
                Stream(feed.Value, lastEventId, json.Value.SerializerOptions, time, cancellationToken))
            .WithName("StreamRemediations")
            .WithSummary("Remediation records as Server-Sent Events: the current set (or what changed since Last-Event-ID), then every change")
            .Produces(200, contentType: "text/event-stream");
        return routes;
    }

    public static ServerSentEventsResult<string> Stream(RemediationFeed feed, string? lastEventId, JsonSerializerOptions json, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Events(feed, feed.ResumeAfter(lastEventId), json, time, cancellationToken));

    internal static async IAsyncEnumerable<SseItem<string>> Events(
        RemediationFeed feed, long after, JsonSerializerOptions json, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (changes, next) = feed.Since(after);
            foreach (var change in changes)
            {
                after = change.Sequence;
                yield return change.Removed
                    ? new SseItem<string>(JsonSerializer.Serialize(new RemovedRecord(change.Record.Job), json), "removed") { EventId = feed.EventId(change.Sequence) }
                    : new SseItem<string>(JsonSerializer.Serialize(change.Record, json), "remediation") { EventId = feed.EventId(change.Sequence) };
            }

            if (!await ChangedWithinAsync(next, time, cancellationToken))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                yield return new SseItem<string>("", "heartbeat");
            }
        }
    }

    /// <summary>True at a change, false after <see cref="Heartbeat"/> without one or when the reader left.</summary>
    private static async Task<bool> ChangedWithinAsync(Task next, TimeProvider time, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waited = await Task.WhenAny(next, Task.Delay(Heartbeat, time, done.Token));
        await done.CancelAsync();
        return waited == next;
    }
}

/// <summary>The data of a <c>removed</c> event: the Job whose record is gone.</summary>
public sealed record RemovedRecord(string Job);
