using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Dispatch;

namespace OpenFero.DaemonSet.Web;

/// <summary>
/// The web pages — <c>/</c> (now), <c>/history</c> and <c>/daemonsets/{namespace}/{name}</c> — and the APIs only they
/// need (the node map, the remediation stream, a Job's log, the cooldowns, approving a waiting Job). The pages are static HTML with small
/// scripts that read the JSON APIs, served from the assembly's embedded files (<c>Web/wwwroot</c>), so no CDN and
/// no build step; they sit behind the same credentials as the API.
/// </summary>
public static class WebPages
{
    private static readonly Assembly Files = typeof(WebPages).Assembly;

    public static IEndpointRouteBuilder MapWeb(this IEndpointRouteBuilder routes)
    {
        // Followed from the first stream asked for: resolving the Job cache here would build the Kubernetes client while
        // the app is built, before a bad kubeconfig can be reported as the one-line error it is.
        var services = routes.ServiceProvider;
        var feed = new Lazy<RemediationFeed>(() => RemediationFeed.Following(services.GetRequiredService<JobWatcher>(),
            services.GetRequiredService<IOptions<ApprovalOptions>>().Value.ApprovalTimeout));
        routes.MapNodeMap();
        routes.MapRemediationStream(feed);
        routes.MapJobLog();
        routes.MapCooldowns();
        routes.MapApprove();
        routes.MapGet("/", () => File("now.html")).ExcludeFromDescription();
        routes.MapGet("/history", () => File("history.html")).ExcludeFromDescription();
        routes.MapGet("/daemonsets/{namespace}/{name}", () => File("daemonset.html")).ExcludeFromDescription();
        routes.MapGet("/web/{file}", File).ExcludeFromDescription();
        return routes;
    }

    /// <summary>One of the pages' files, or 404 for a name that is not one.</summary>
    public static Results<FileStreamHttpResult, NotFound> File(string file)
    {
        var type = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => null,
        };
        return type is not null && Files.GetManifestResourceStream($"web/{file}") is { } content
            ? TypedResults.Stream(content, type)
            : TypedResults.NotFound();
    }
}
