using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// Every body an endpoint declares for a status code. The API explorer keeps one declaration per status code, the
/// last; an endpoint that answers one status with two bodies (the webhook's 503: its answer, or a problem) declares
/// both, and this puts back the content types the explorer dropped.
/// </summary>
public static class OpenApiResponseBodies
{
    public static async Task AddMissingAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(m => m.Type is not null && m.Type != typeof(void));
        foreach (var metadata in declared)
        {
            var status = metadata.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(status, out var found) != true || found is not OpenApiResponse response)
            {
                continue;
            }

            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var contentType in metadata.ContentTypes.Where(c => !response.Content.ContainsKey(c)))
            {
                response.Content[contentType] = new OpenApiMediaType { Schema = await SchemaAsync(metadata.Type!, context, cancellationToken) };
            }
        }
    }

    /// <summary>A reference to the type's component schema, as the explorer's own responses have, when there is one.</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        return context.Document?.Components?.Schemas?.ContainsKey(type.Name) == true
            ? new OpenApiSchemaReference(type.Name, context.Document)
            : schema;
    }
}
