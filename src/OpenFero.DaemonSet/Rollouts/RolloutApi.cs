using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>
/// <c>GET /api/daemonsets/{namespace}/{name}/rollout[?format=text]</c>: the rollout now, from the live model (no call to
/// Kubernetes); and <c>…/rollout/stream</c>: the same as Server-Sent Events, one <c>rollout</c> event per change and at
/// least every <see cref="RolloutMonitor.Heartbeat"/>, for a page or <c>curl -N</c>.
/// </summary>
public static class RolloutApi
{
    public static IEndpointRouteBuilder MapRollouts(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/daemonsets/{namespace}/{name}/rollout", Get)
            .WithName("GetDaemonSetRollout")
            .WithSummary("A DaemonSet's rollout: state against the progress deadline, counts, the timeline by node")
            .Produces<RolloutView>(200, "application/json")
            .ProducesProblem(400)
            .ProducesProblem(404)
            .ProducesProblem(503);
        routes.MapGet("/api/daemonsets/{namespace}/{name}/rollout/stream", Stream)
            .WithName("StreamDaemonSetRollout")
            .WithSummary("The rollout as Server-Sent Events: the current view, then every change")
            .Produces(200, contentType: "text/event-stream")
            .ProducesProblem(404)
            .ProducesProblem(503);
        return routes;
    }

    public static Results<ContentHttpResult, ProblemHttpResult> Get(string @namespace, string name, string? format, RolloutMonitor monitor)
    {
        if (format is not (null or "json" or "text"))
        {
            return TypedResults.Problem("format must be json or text", statusCode: 400);
        }

        if (monitor.Get(@namespace, name) is not { } view)
        {
            return NotWatched(@namespace, name, monitor);
        }

        return format == "text"
            ? TypedResults.Text(RolloutText.Render(view), "text/plain; charset=utf-8")
            : TypedResults.Text(JsonSerializer.Serialize(view, RolloutRendering.Json), "application/json");
    }

    public static Results<ServerSentEventsResult<string>, ProblemHttpResult> Stream(string @namespace, string name, RolloutMonitor monitor, CancellationToken cancellationToken)
    {
        if (monitor.Get(@namespace, name) is null)
        {
            return NotWatched(@namespace, name, monitor);
        }

        return TypedResults.ServerSentEvents(Events(monitor.WatchAsync(@namespace, name, cancellationToken), cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<RolloutView> views, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var view in views.WithCancellation(cancellationToken))
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(view, RolloutRendering.JsonLine), "rollout")
            {
                EventId = view.ObservedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>Why a DaemonSet has no rollout to show: the monitor is off, not synced yet, or does not watch it.</summary>
    private static ProblemHttpResult NotWatched(string @namespace, string name, RolloutMonitor monitor) =>
        !monitor.Enabled
            ? TypedResults.Problem(
                "the rollout monitor is off (Analysis:DaemonsetRolloutMonitor:Enabled and :MonitorProgress)", statusCode: 404, title: "Rollout monitor off")
            : TypedResults.Problem(
                monitor.Synced ? $"daemonset {@namespace}/{name} is not watched: it does not exist, or its namespace is not in Runner:AllowNamespaces" : "the DaemonSets are not listed yet; try again in a few seconds",
                statusCode: monitor.Synced ? 404 : 503,
                title: "Rollout not known");
}
