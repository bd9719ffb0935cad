using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>
/// <c>pods/log</c> as the kubelet serves it through the API server: the container's log as plain text, with
/// <c>container</c>, <c>tailLines</c>, <c>timestamps</c> and <c>follow</c> (stream until the container ends).
/// A container that has not started is a 400, as kubelet's "is waiting to start".
/// </summary>
public sealed partial class ApiServer
{
    /// <summary>Finds a pod's log by namespace and pod name; null (or no log) serves an empty log.</summary>
    public Func<string, string, PodLog?>? PodLogs { get; set; }

    private async Task LogAsync(HttpContext context, ApiPath target)
    {
        var pod = store.GetRequired(target.Type, target.Namespace, target.Name!).Json;
        var query = context.Request.Query;
        var container = ContainerOf(pod, query["container"].ToString());
        if (WaitingReason(pod, container) is { } waiting)
        {
            throw ApiException.BadRequest($"container \"{container}\" in pod \"{target.Name}\" is waiting to start: {waiting}");
        }

        var tail = int.TryParse(query["tailLines"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : (int?)null;
        var timestamps = query["timestamps"] == "true";
        var follow = query["follow"] == "true";
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        if (PodLogs?.Invoke(target.Namespace!, target.Name!) is not { } log)
        {
            return;
        }

        var (lines, ended, grown) = log.Read();
        var written = tail is { } last ? Math.Max(0, lines.Count - last) : 0;
        while (true)
        {
            var chunk = new StringBuilder();
            foreach (var (at, line) in lines.Skip(written))
            {
                chunk.Append(timestamps ? $"{at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)} {line}\n" : line + "\n");
            }

            await context.Response.WriteAsync(chunk.ToString(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            written = Math.Max(written, lines.Count);
            if (!follow || ended)
            {
                return;
            }

            await grown.WaitAsync(context.RequestAborted);
            (lines, ended, grown) = log.Read();
        }
    }

    private static string ContainerOf(JsonObject pod, string requested)
    {
        var name = pod["metadata"]?["name"]?.GetValue<string>();
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>() ?? "").ToList();
        if (requested.Length == 0)
        {
            return containers.Count == 1 ? containers[0]
                : throw ApiException.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", containers)}]");
        }

        return containers.Contains(requested) ? requested
            : throw ApiException.BadRequest($"container {requested} is not valid for pod {name}");
    }

    private static string? WaitingReason(JsonObject pod, string container)
    {
        var status = (pod["status"]?["containerStatuses"] as JsonArray ?? []).FirstOrDefault(c => c?["name"]?.GetValue<string>() == container);
        if (status is null)
        {
            return "ContainerCreating";
        }

        return status["state"]?["waiting"]?["reason"]?.GetValue<string>() switch
        {
            null => null,
            "ErrImagePull" or "ImagePullBackOff" => "trying and failing to pull image",
            var reason => reason,
        };
    }
}
