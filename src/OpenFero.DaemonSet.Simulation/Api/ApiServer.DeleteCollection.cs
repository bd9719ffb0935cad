using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

public sealed partial class ApiServer
{
    /// <summary>
    /// <c>DELETE</c> on a collection: deletes every object the label and field selectors pick (each one as a
    /// single delete would, gracefully where its kind does) and answers the list of what was deleted.
    /// </summary>
    private async Task DeleteCollectionAsync(HttpContext context, ApiPath target)
    {
        var labels = LabelSelector.Parse(context.Request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"]);
        var grace = long.TryParse(context.Request.Query["gracePeriodSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : (long?)null;
        var chosen = store.List(target.Type, target.Namespace).Where(o => labels.Matches(o.Json) && fields.Matches(o.Json)).ToList();
        var deleted = new JsonArray();
        foreach (var candidate in chosen)
        {
            try
            {
                var result = IsDryRun(context)
                    ? candidate
                    : store.Delete(target.Type, candidate.Namespace, candidate.Name, gracePeriodSeconds: grace);
                deleted.Add(result.CloneJson());
            }
            catch (ApiException gone) when (gone.Code == 404)
            {
                // Deleted by someone else in the meantime: nothing left to do for it.
            }
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = target.Type.Kind + "List",
            ["apiVersion"] = target.Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        });
    }
}
