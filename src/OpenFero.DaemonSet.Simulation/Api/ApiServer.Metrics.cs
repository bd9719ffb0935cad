using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Metrics;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

public sealed partial class ApiServer
{
    /// <summary>The resource metrics; set when the cluster serves <c>metrics.k8s.io</c>.</summary>
    public ResourceMetrics? ResourceMetrics { get; set; }

    /// <summary>get and list (label and field selectors) of PodMetrics and NodeMetrics, as metrics-server answers them.</summary>
    private async Task MetricsAsync(HttpContext context, ApiPath target, string verb)
    {
        if (ResourceMetrics is not { } metrics || target.Subresource is not null)
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }

        var all = target.Type == ResourceMetrics.PodMetrics ? metrics.Pods(target.Namespace) : metrics.Nodes();
        switch (verb)
        {
            case "get":
                var one = all.FirstOrDefault(m => m["metadata"]?["name"]?.GetValue<string>() == target.Name)
                    ?? throw new ApiException(404, "NotFound", $"{target.Type.Plural}.{ResourceMetrics.Group} \"{target.Name}\" not found");
                await WriteJsonAsync(context, 200, one);
                return;
            case "list":
                var labels = LabelSelector.Parse(context.Request.Query["labelSelector"]);
                var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"]);
                var items = all.Where(m => labels.Matches(m) && fields.Matches(m))
                    .OrderBy(m => m["metadata"]?["namespace"]?.GetValue<string>(), StringComparer.Ordinal)
                    .ThenBy(m => m["metadata"]?["name"]?.GetValue<string>(), StringComparer.Ordinal);
                await WriteJsonAsync(context, 200, new JsonObject
                {
                    ["kind"] = target.Type.Kind + "List",
                    ["apiVersion"] = target.Type.ApiVersion,
                    ["metadata"] = new JsonObject(),
                    ["items"] = new JsonArray([.. items]),
                });
                return;
            default:
                throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
    }
}
