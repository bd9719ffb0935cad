using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>The legacy discovery documents kubectl and the client libraries read to learn what is served.</summary>
public static class Discovery
{
    /// <summary>The kinds <c>kubectl get all</c> lists, as the real server puts them in the "all" category.</summary>
    private static readonly HashSet<ResourceType> InCategoryAll = [ResourceTypes.Pods, ResourceTypes.DaemonSets, ResourceTypes.Jobs];

    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>What metrics-server serves: reads only.</summary>
    private static readonly string[] MetricsVerbs = ["get", "list"];

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-openfero-simulation",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1" }),
    };

    public static JsonObject Groups(ResourceRegistry registry)
    {
        var groups = new JsonArray();
        foreach (var group in registry.All.Concat(registry.Metrics).Where(t => t.Group.Length > 0).GroupBy(t => t.Group))
        {
            var versions = group.Select(t => t.Version).Distinct().ToList();
            groups.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group.Key}/{v}", ["version"] = v }).ToArray()),
                ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group.Key}/{versions[0]}", ["version"] = versions[0] },
            });
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject Resources(ResourceRegistry registry, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in registry.All.Concat(registry.Metrics).Where(t => t.Group == group && t.Version == version))
        {
            var verbs = registry.Metrics.Contains(type) ? MetricsVerbs : Verbs;
            resources.Add(new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
                ["shortNames"] = new JsonArray(type.ShortNames.Select(s => (JsonNode)s).ToArray()),
            });
            if (InCategoryAll.Contains(type))
            {
                resources[^1]!["categories"] = new JsonArray("all");
            }

            foreach (var subresource in type.Subresources)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{type.Plural}/{subresource}",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = subresource == "log" ? new JsonArray("get") : new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }
}
