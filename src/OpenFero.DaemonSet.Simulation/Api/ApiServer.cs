using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>
/// The simulated API server's request handling: discovery, and get/list/watch/create/update/patch/delete
/// for every served kind, answering failures with <c>Status</c> objects as the real one does.
/// </summary>
public sealed partial class ApiServer(ClusterStore store, ResourceRegistry registry)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>Quotes in messages as <c>\"</c>, the way Go's encoder writes them, not <c>\u0022</c>.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ResourceRegistry Registry => registry;

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context);
        }
        catch (ApiException error)
        {
            await WriteStatusAsync(context, error);
        }
        catch (JsonException error)
        {
            await WriteStatusAsync(context, ApiException.BadRequest($"error decoding request body: {error.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a watch closed): nothing left to answer.
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            // A shape of body nobody anticipated: still a Status, never a dropped connection.
            await WriteStatusAsync(context, ApiException.BadRequest($"the request could not be processed: {error.Message}"));
        }
        catch (Exception error) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The last resort: a Status the client can read, never a bare 500 or a dropped connection.
            await WriteStatusAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {error.Message}"));
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        switch (path.TrimEnd('/'))
        {
            case "/version":
                await WriteJsonAsync(context, 200, Discovery.Version());
                return;
            case "/api":
                await WriteJsonAsync(context, 200, Discovery.CoreVersions());
                return;
            case "/apis":
                await WriteJsonAsync(context, 200, Discovery.Groups(registry));
                return;
            case "/openapi/v3":
                await WriteJsonAsync(context, 200, OpenApiDocuments.Index(registry));
                return;
        }

        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var document = OpenApiDocuments.GroupVersion(registry, path["/openapi/v3/".Length..].TrimEnd('/'))
                ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            await WriteJsonAsync(context, 200, document);
            return;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["api", var coreVersion] && registry.ServesGroupVersion("", coreVersion))
        {
            await WriteJsonAsync(context, 200, Discovery.Resources(registry, "", coreVersion));
            return;
        }

        if (segments is ["apis", var group, var version] && registry.ServesGroupVersion(group, version))
        {
            await WriteJsonAsync(context, 200, Discovery.Resources(registry, group, version));
            return;
        }

        var info = RequestInfo.Of(context, registry);
        if (info.Path is not { } target || (target.Subresource is not null && !target.Type.Subresources.Contains(target.Subresource)))
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }

        if (target.Type.Group == Metrics.ResourceMetrics.Group)
        {
            await MetricsAsync(context, target, info.Verb);
            return;
        }

        if (target.Subresource == "log")
        {
            await (info.Verb == "get" ? LogAsync(context, target)
                : throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
            return;
        }

        if ((target.Subresource is not null && info.Verb is not ("get" or "update" or "patch"))
            || (target.Name is null && info.Verb is ("update" or "patch")))
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        await (info.Verb switch
        {
            "get" => GetAsync(context, target),
            "list" => ListAsync(context, target),
            "watch" => WatchAsync(context, target),
            "create" => CreateAsync(context, target),
            "update" => UpdateAsync(context, target),
            "patch" => PatchAsync(context, target),
            "delete" => DeleteAsync(context, target),
            "deletecollection" => DeleteCollectionAsync(context, target),
            _ => throw new ApiException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"),
        });
    }

    internal static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        body.WriteTo(writer, Compact);
    }

    internal static Task WriteStatusAsync(HttpContext context, ApiException error) =>
        context.Response.HasStarted ? Task.CompletedTask : WriteJsonAsync(context, error.Code, StatusResponse.From(error));

    private static async Task<JsonNode> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiException.BadRequest("the request body is empty");
        }

        return JsonNode.Parse(text) ?? throw ApiException.BadRequest("the request body is null");
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, ApiPath target)
    {
        if (await ReadBodyAsync(context) is not JsonObject body)
        {
            throw ApiException.BadRequest("the request body must be a JSON object");
        }

        var kind = body["kind"]?.GetValue<string>();
        var apiVersion = body["apiVersion"]?.GetValue<string>();
        if ((kind is not null && kind != target.Type.Kind) || (apiVersion is not null && apiVersion != target.Type.ApiVersion))
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({target.Type.ApiVersion}) or kind ({kind}) is not {target.Type.Kind}");
        }

        var metadata = body["metadata"] as JsonObject ?? [];
        body["metadata"] = metadata;
        if (target.Type.Namespaced)
        {
            var bodyNamespace = metadata["namespace"]?.GetValue<string>();
            if (bodyNamespace is not null && target.Namespace is not null && bodyNamespace != target.Namespace)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = target.Namespace ?? bodyNamespace ?? "default";
        }

        if (target.Name is not null && metadata["name"]?.GetValue<string>() is { } name && name != target.Name)
        {
            throw ApiException.BadRequest("the name of the object does not match the name on the URL");
        }

        return body;
    }
}
