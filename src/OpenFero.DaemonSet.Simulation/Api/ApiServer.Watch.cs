using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Api.Tables;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

public sealed partial class ApiServer
{
    /// <summary>
    /// <c>?watch=true</c>: newline-delimited watch events. Without a resourceVersion (or "0") the current
    /// objects come first as ADDED, as from the real server; with one, changes after it are replayed, and a
    /// version older than the history is an ERROR event carrying a 410 Expired Status.
    /// </summary>
    private async Task WatchAsync(HttpContext context, ApiPath target)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var since = long.TryParse(query["resourceVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;
        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30);

        var asTable = TableResponse.IsWanted(context.Request);
        var columns = asTable ? TableResponse.ColumnsFor(target.Type, store) : [];
        JsonObject Shown(JsonObject obj) => asTable
            ? TableResponse.Build(columns, [obj], store.Time.GetUtcNow(), query["includeObject"].ToString(),
                new JsonObject { ["resourceVersion"] = obj["metadata"]?["resourceVersion"]?.DeepClone() })
            : obj;

        // The deadline runs from the request on the simulation's clock, before the first event is written.
        using var deadline = new CancellationTokenSource(timeout, store.Time);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.FlushAsync(context.RequestAborted);

        WatchSubscription subscription;
        try
        {
            if (since == 0)
            {
                var (current, _, watch) = store.ListAndWatch(target.Type, target.Namespace);
                subscription = watch;
                foreach (var existing in current.Where(o => labels.Matches(o.Json) && fields.Matches(o.Json)))
                {
                    await WriteEventAsync(context, "ADDED", Shown(existing.Json));
                }
            }
            else
            {
                subscription = store.Watch(target.Type, target.Namespace, since);
            }
        }
        catch (ApiException gone) when (gone.Code == 410)
        {
            await WriteEventAsync(context, "ERROR", StatusResponse.From(gone));
            return;
        }

        using (subscription)
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, context.RequestAborted))
        {
            try
            {
                await foreach (var change in subscription.Events.ReadAllAsync(stop.Token))
                {
                    if (labels.Matches(change.Object) && fields.Matches(change.Object))
                    {
                        await WriteEventAsync(context, change.WireType, Shown(change.Object));
                    }
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
            {
                // timeoutSeconds reached: the server ends the watch and the client lists again.
            }
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("object");
            obj.WriteTo(writer);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
