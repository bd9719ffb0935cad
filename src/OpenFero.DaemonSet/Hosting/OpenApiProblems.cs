using Microsoft.OpenApi;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>RFC 9457 problem details, as responses that transformers add to the document.</summary>
public static class OpenApiProblems
{
    public const string ContentType = "application/problem+json";

    private const string SchemaName = "ProblemDetails";

    public static OpenApiResponse Response(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [ContentType] = new() { Schema = Schema(document) } },
    };

    private static IOpenApiSchema Schema(OpenApiDocument document)
    {
        if (document.Components?.Schemas?.ContainsKey(SchemaName) != true)
        {
            document.AddComponent<IOpenApiSchema>(SchemaName, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                },
            });
        }

        return new OpenApiSchemaReference(SchemaName, document);
    }
}
