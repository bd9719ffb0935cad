using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OpenFero.DaemonSet.Auth;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// The document says what this server demands: with <c>Auth:Mode</c> Basic or Bearer, that one HTTP scheme in
/// <c>components.securitySchemes</c>, a global security requirement, and the 401 every protected operation can
/// answer; the probes stay open (<c>security: []</c>). With <c>None</c>, no scheme and no requirement.
/// </summary>
public sealed class OpenApiCredentials(IOptions<AuthOptions> auth) : IOpenApiDocumentTransformer
{
    public static readonly IReadOnlySet<string> OpenPaths = new HashSet<string>(StringComparer.Ordinal) { "/healthz", "/readyz" };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var scheme = auth.Value.Mode switch
        {
            AuthMode.Basic => "basic",
            AuthMode.Bearer => "bearer",
            _ => null,
        };
        if (scheme is null)
        {
            return Task.CompletedTask;
        }

        document.AddComponent<IOpenApiSecurityScheme>(scheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = scheme,
            Description = scheme == "basic" ? "Auth:Username and Auth:Password" : "Auth:Token",
        });
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
        foreach (var (path, item) in document.Paths)
        {
            foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
            {
                if (OpenPaths.Contains(path))
                {
                    operation.Security = [];
                    continue;
                }

                operation.Responses ??= [];
                operation.Responses.TryAdd("401", OpenApiProblems.Response(document, "Missing or wrong credentials (with a WWW-Authenticate challenge)"));
            }
        }

        return Task.CompletedTask;
    }
}
