using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>
/// Just enough OpenAPI v3 for kubectl: the index of group-versions, and per group-version the write operations
/// with their GroupVersionKind and the <c>fieldValidation</c> parameter, so that kubectl's default
/// <c>--validate=strict</c> hands validation to the server instead of failing to download schemas.
/// </summary>
public static class OpenApiDocuments
{
    public static JsonObject Index(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var groupVersion in registry.All.Select(t => (t.Group, t.Version)).Distinct())
        {
            var path = PathOf(groupVersion.Group, groupVersion.Version);
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash=simulation" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceRegistry registry, string path)
    {
        var types = registry.All.Where(t => PathOf(t.Group, t.Version) == path).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var type in types)
        {
            var collection = type.Namespaced ? $"/{path}/namespaces/{{namespace}}/{type.Plural}" : $"/{path}/{type.Plural}";
            paths[collection] = new JsonObject { ["post"] = Operation(type) };
            paths[collection + "/{name}"] = new JsonObject { ["put"] = Operation(type), ["patch"] = Operation(type) };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Operation(ResourceType type) => new()
    {
        ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
        ["parameters"] = new JsonArray(new JsonObject
        {
            ["name"] = "fieldValidation",
            ["in"] = "query",
            ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
        }),
        ["responses"] = new JsonObject(),
    };

    private static string PathOf(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
}
