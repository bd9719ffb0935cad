using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

public sealed partial class ApiServer
{
    private const int PatchAttempts = 5;

    private async Task CreateAsync(HttpContext context, ApiPath target)
    {
        if (target.Name is not null)
        {
            throw new ApiException(405, "MethodNotAllowed", "POST is not allowed on a named object");
        }

        var body = await ReadObjectAsync(context, target);
        if (IsDryRun(context))
        {
            var name = body["metadata"]?["name"]?.GetValue<string>();
            if (name is not null && store.Get(target.Type, target.Namespace, name) is not null)
            {
                throw ApiException.AlreadyExists(target.Type, name);
            }

            await WriteJsonAsync(context, 201, body);
            return;
        }

        var created = store.Create(target.Type, body);
        await WriteJsonAsync(context, 201, created.Json);
    }

    private async Task UpdateAsync(HttpContext context, ApiPath target)
    {
        var body = await ReadObjectAsync(context, target);
        body["metadata"]!["name"] ??= target.Name;
        if (IsDryRun(context))
        {
            await WriteJsonAsync(context, 200, DryRunUpdate(target, body));
            return;
        }

        var updated = store.Update(target.Type, body, statusOnly: target.Subresource == "status");
        await WriteJsonAsync(context, 200, updated.Json);
    }

    /// <summary>
    /// Applies the patch to the stored object and writes it back. Like the real server, a patch that does not
    /// pin a resourceVersion is re-applied to the newer object when a concurrent write wins the race.
    /// </summary>
    private async Task PatchAsync(HttpContext context, ApiPath target)
    {
        var contentType = (context.Request.ContentType ?? "").Split(';')[0].Trim();
        var patch = await ReadBodyAsync(context);
        var pinsVersion = patch is JsonObject { } patchObject && patchObject["metadata"] is JsonObject patchMeta && patchMeta["resourceVersion"] is not null;
        for (var attempt = 1; ; attempt++)
        {
            var current = store.GetRequired(target.Type, target.Namespace, target.Name!);
            var patched = Patches.Apply(contentType, current.Json, patch);
            patched["metadata"] ??= new JsonObject();
            patched["metadata"]!["name"] = current.Name;
            if (target.Type.Namespaced)
            {
                patched["metadata"]!["namespace"] = current.Namespace;
            }

            if (!pinsVersion)
            {
                patched["metadata"]!["resourceVersion"] = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
            }

            if (IsDryRun(context))
            {
                await WriteJsonAsync(context, 200, DryRunUpdate(target, patched));
                return;
            }

            try
            {
                var updated = store.Update(target.Type, patched, statusOnly: target.Subresource == "status");
                await WriteJsonAsync(context, 200, updated.Json);
                return;
            }
            catch (ApiException conflict) when (conflict.Reason == "Conflict" && !pinsVersion && attempt < PatchAttempts)
            {
                // Someone else wrote in between: apply the same patch to what is there now.
            }
        }
    }

    private async Task DeleteAsync(HttpContext context, ApiPath target)
    {
        var options = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? await ReadBodyAsync(context)
            : null;
        var grace = options?["gracePeriodSeconds"]?.ToInt64()
            ?? (long.TryParse(context.Request.Query["gracePeriodSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : null);
        var preconditions = options?["preconditions"];
        if (IsDryRun(context))
        {
            await WriteJsonAsync(context, 200, store.GetRequired(target.Type, target.Namespace, target.Name!).Json);
            return;
        }

        var deleted = store.Delete(
            target.Type,
            target.Namespace,
            target.Name!,
            uidPrecondition: preconditions?["uid"]?.GetValue<string>(),
            resourceVersionPrecondition: preconditions?["resourceVersion"]?.GetValue<string>(),
            gracePeriodSeconds: grace);
        if (target.Type == ResourceTypes.CustomResourceDefinitions)
        {
            DeleteCustomObjects(deleted.Json);
        }

        await WriteJsonAsync(context, 200, deleted.Json);
    }

    /// <summary>Deleting a CRD deletes every object of the kinds it defined, as the real server does.</summary>
    private void DeleteCustomObjects(System.Text.Json.Nodes.JsonObject crd)
    {
        foreach (var type in registry.TypesOf(crd))
        {
            foreach (var stored in store.List(type))
            {
                store.FinishDeletion(type, stored.Namespace, stored.Name);
            }
        }
    }

    /// <summary>
    /// A dry run checks what the store would check (existence, resourceVersion) and answers the object as it
    /// would be written, without the server-side defaults of the kind.
    /// </summary>
    private JsonObject DryRunUpdate(ApiPath target, JsonObject proposed)
    {
        var current = store.GetRequired(target.Type, target.Namespace, target.Name ?? proposed["metadata"]?["name"]?.GetValue<string>() ?? "");
        var expected = proposed["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(expected) && expected != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw ApiException.Conflict(target.Type, current.Name, "the object has been modified; please apply your changes to the latest version and try again");
        }

        var result = target.Subresource == "status" ? current.CloneJson() : (JsonObject)proposed.DeepClone();
        if (target.Subresource == "status")
        {
            result["status"] = proposed["status"]?.DeepClone();
        }

        result["metadata"]!["uid"] = current.Uid;
        result["metadata"]!["resourceVersion"] = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        return result;
    }

    private static bool IsDryRun(HttpContext context) => context.Request.Query["dryRun"] == "All";
}
