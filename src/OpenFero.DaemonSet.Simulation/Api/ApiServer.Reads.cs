using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Api.Tables;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

public sealed partial class ApiServer
{
    private Task GetAsync(HttpContext context, ApiPath target)
    {
        var stored = store.GetRequired(target.Type, target.Namespace, target.Name!);
        return TableResponse.IsWanted(context.Request)
            ? WriteJsonAsync(context, 200, Table(context, target, [stored.Json], new JsonObject { ["resourceVersion"] = stored.ResourceVersion.ToString(CultureInfo.InvariantCulture) }))
            : WriteJsonAsync(context, 200, stored.Json);
    }

    private JsonObject Table(HttpContext context, ApiPath target, IEnumerable<JsonObject> objects, JsonObject metadata) =>
        TableResponse.Build(TableResponse.ColumnsFor(target.Type, store), objects, store.Time.GetUtcNow(),
            context.Request.Query["includeObject"].ToString(), metadata);

    private async Task ListAsync(HttpContext context, ApiPath target)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var after = DecodeContinue(query["continue"]);
        var resourceVersion = store.CurrentResourceVersion;

        IEnumerable<StoredObject> candidates = fields.PinnedName is { } pinned && (target.Namespace is not null || !target.Type.Namespaced)
            ? [.. new[] { store.Get(target.Type, target.Namespace, pinned) }.OfType<StoredObject>()]
            : store.List(target.Type, target.Namespace);
        var items = new List<StoredObject>();
        string? lastKey = null;
        var more = false;
        foreach (var candidate in candidates)
        {
            var key = ClusterStore.Key(candidate.Type, candidate.Namespace, candidate.Name);
            if (after is not null && string.CompareOrdinal(key, after) <= 0)
            {
                continue;
            }

            if (!labels.Matches(candidate.Json) || !fields.Matches(candidate.Json))
            {
                continue;
            }

            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(candidate);
            lastKey = key;
        }

        var continueToken = more && lastKey is not null ? Convert.ToBase64String(Encoding.UTF8.GetBytes(lastKey)) : null;
        if (TableResponse.IsWanted(context.Request))
        {
            var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
            if (continueToken is not null)
            {
                metadata["continue"] = continueToken;
            }

            await WriteJsonAsync(context, 200, Table(context, target, items.Select(i => i.Json), metadata));
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("kind", target.Type.Kind + "List");
        writer.WriteString("apiVersion", target.Type.ApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
        if (continueToken is not null)
        {
            writer.WriteString("continue", continueToken);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("items");
        foreach (var item in items)
        {
            item.Json.WriteTo(writer);
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(context.RequestAborted);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string? DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw ApiException.BadRequest("continue key is not valid: illegal base64 data");
        }
    }
}
