using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// The report's schema as <see cref="ReportRendering.Json"/> writes it, not as the server's default JSON options
/// would: enums as camelCase strings, and a pod's age as kubectl prints it.
/// </summary>
public static class DaemonSetReportSchema
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.IsEnum && type.Namespace == typeof(DaemonSetReport).Namespace)
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonNamingPolicy.CamelCase.ConvertName(name))];
        }
        else if (type == typeof(TimeSpan) && context.JsonPropertyInfo?.DeclaringType is { } declaring
            && (declaring == typeof(PodReport) || declaring == typeof(RevisionDetail)))
        {
            schema.Type = JsonSchemaType.String;
            schema.Pattern = null;
            schema.Description = declaring == typeof(PodReport)
                ? "the pod's age as kubectl prints it, e.g. 45s, 3m20s, 5h2m, 2d3h"
                : "the revision's age as kubectl prints it, e.g. 45s, 3m20s, 5h2m, 2d3h";
        }

        return Task.CompletedTask;
    }
}
