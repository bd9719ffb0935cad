using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Metrics;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>A request as Kubernetes names it: the verb (get, list, watch, create, update, patch, delete…) and the resource.</summary>
public sealed record RequestInfo(string Verb, string Resource, ApiPath? Path)
{
    private const string ItemKey = "openfero.simulation.request";

    public static RequestInfo Of(HttpContext context, ResourceRegistry registry)
    {
        if (context.Items.TryGetValue(ItemKey, out var known) && known is RequestInfo info)
        {
            return info;
        }

        var path = ApiPath.Parse(context.Request.Path.Value ?? "/", registry);
        info = path is null
            ? new RequestInfo(context.Request.Method.ToLowerInvariant(), Discovered(context.Request.Path.Value ?? "/"), null)
            : new RequestInfo(VerbOf(context.Request, path), path.Subresource is null ? ResourceOf(path.Type) : $"{path.Type.Plural}/{path.Subresource}", path);
        context.Items[ItemKey] = info;
        return info;
    }

    public static bool IsWatch(HttpRequest request) =>
        request.Query["watch"] is var watch && (watch == "true" || watch == "1");

    /// <summary>
    /// The plural, as the real server's RequestInfo has it, but with its group for the metrics API's pods and nodes
    /// (<c>pods.metrics.k8s.io</c>): request counts and faults are keyed by resource alone and must not mix them up
    /// with the core pods and nodes.
    /// </summary>
    private static string ResourceOf(ResourceType type) => type.Group == ResourceMetrics.Group ? type.GroupResource : type.Plural;

    private static string VerbOf(HttpRequest request, ApiPath path) => request.Method switch
    {
        "GET" when path.Name is not null => "get",
        "GET" when IsWatch(request) => "watch",
        "GET" => "list",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when path.Name is not null => "delete",
        "DELETE" => "deletecollection",
        _ => request.Method.ToLowerInvariant(),
    };

    private static string Discovered(string path) => path.StartsWith("/api", StringComparison.Ordinal) || path == "/version"
        ? "discovery"
        : path.TrimStart('/');
}
