using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> in the document. They are mapped by health checks and the
/// Prometheus exporter, not by route handlers, so the API explorer does not see them; they are described here.
/// </summary>
public static class OpenApiProbes
{
    public static Task AddAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        document.Paths["/healthz"] = Get("Liveness: the process answers; no check runs", "ok", Text("ok"));
        document.Paths["/readyz"] = Get("Readiness: every readiness check passes", "ok", Text("ok"),
            ("503", OpenApiProblems.Response(document, "Not ready: the detail names the checks still awaited")));
        document.Paths["/metrics"] = Get("Prometheus metrics", "The metrics in the Prometheus text exposition format",
            Text(null, "text/plain; version=0.0.4"));
        return Task.CompletedTask;
    }

    private static OpenApiPathItem Get(string summary, string description, Dictionary<string, OpenApiMediaType> content, params (string Status, OpenApiResponse Response)[] others)
    {
        var responses = new OpenApiResponses { ["200"] = new OpenApiResponse { Description = description, Content = content } };
        foreach (var (status, response) in others)
        {
            responses[status] = response;
        }

        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, new OpenApiOperation { Summary = summary, Responses = responses });
        return item;
    }

    private static Dictionary<string, OpenApiMediaType> Text(string? example, string contentType = "text/plain") => new()
    {
        [contentType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = example is null ? null : System.Text.Json.Nodes.JsonValue.Create(example),
        },
    };
}
