using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Hosting;

public static class OpenApiRegistration
{
    /// <summary>
    /// <c>/openapi/v1.json</c> with every answer each endpoint gives: the report as its JSON is written, the bodies
    /// the explorer drops, the probes and metrics it cannot see, and the credentials <c>Auth:Mode</c> demands.
    /// </summary>
    public static IServiceCollection AddServerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(openApi =>
        {
            openApi.AddSchemaTransformer(DaemonSetReportSchema.TransformAsync);
            openApi.AddOperationTransformer(OpenApiResponseBodies.AddMissingAsync);
            openApi.AddDocumentTransformer(OpenApiProbes.AddAsync);
            openApi.AddDocumentTransformer<OpenApiCredentials>();
        });
}
