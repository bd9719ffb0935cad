using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.OpenFeroApi;

/// <summary>
/// OpenFero's read endpoints, with its answers' shapes, so its UI and scripts work against this server:
/// <c>GET /api/jobs</c> (the Operarii and their last Job) and <c>GET /api/about</c> (build information).
/// </summary>
public static class OpenFeroApiEndpoints
{
    private static readonly BuildInfo Build = BuildInfo.Of(typeof(OpenFeroApiEndpoints).Assembly);

    public static IEndpointRouteBuilder MapOpenFeroApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/jobs", ListJobs).WithName("ListOperariusJobs").WithSummary("The Operarii as OpenFero's /api/jobs lists them, with their last Job's live status");
        routes.MapGet("/api/about", () => TypedResults.Ok(Build)).WithName("About").WithSummary("Version, commit and build date, as OpenFero's /api/about answers");
        return routes;
    }

    public static IResult ListJobs(OperariusCatalog catalog, JobWatcher jobs) =>
        TypedResults.Ok(catalog.Operarii
            .OrderBy(o => o.Metadata.Name, StringComparer.Ordinal)
            .Select(o => OperariusJobInfo.Of(o, string.IsNullOrEmpty(o.Status?.LastExecutedJobName) ? null : jobs.Get(o.Status.LastExecutedJobName)))
            .ToList());
}
