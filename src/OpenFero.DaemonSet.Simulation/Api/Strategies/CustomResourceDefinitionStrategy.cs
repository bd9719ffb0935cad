using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api.Strategies;

/// <summary>
/// A CRD is refused (422) without the names the server needs to serve it, and is Established with its
/// names accepted as soon as it is stored, as clients waiting for <c>condition=established</c> expect.
/// </summary>
public sealed class CustomResourceDefinitionStrategy(TimeProvider time) : IResourceStrategy
{
    public void PrepareForCreate(JsonObject created)
    {
        Validate(created);
        created["status"] = Status(created);
    }

    public void PrepareForUpdate(JsonObject updated, JsonObject current)
    {
        Validate(updated);
        updated["status"] = Status(updated);
    }

    private static void Validate(JsonObject crd)
    {
        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? "";
        var spec = crd["spec"] as JsonObject ?? throw Invalid(name, "spec: Required value");
        var group = spec["group"]?.GetValue<string>();
        var plural = spec["names"]?["plural"]?.GetValue<string>();
        if (string.IsNullOrEmpty(group))
        {
            throw Invalid(name, "spec.group: Required value");
        }

        if (string.IsNullOrEmpty(plural))
        {
            throw Invalid(name, "spec.names.plural: Required value");
        }

        if (string.IsNullOrEmpty(spec["names"]?["kind"]?.GetValue<string>()))
        {
            throw Invalid(name, "spec.names.kind: Required value");
        }

        if (spec["versions"] is not JsonArray { Count: > 0 } versions || versions.Any(v => string.IsNullOrEmpty(v?["name"]?.GetValue<string>())))
        {
            throw Invalid(name, "spec.versions: Invalid value: must have exactly one version marked as storage version");
        }

        if (name != $"{plural}.{group}")
        {
            throw Invalid(name, $"metadata.name: Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group");
        }

        if (spec["scope"]?.GetValue<string>() is not ("Namespaced" or "Cluster"))
        {
            throw Invalid(name, "spec.scope: Unsupported value: supported values: \"Cluster\", \"Namespaced\"");
        }
    }

    private JsonObject Status(JsonObject crd)
    {
        var now = ClusterStore.Rfc3339(time.GetUtcNow());
        var storedVersions = new JsonArray([.. (crd["spec"]!["versions"] as JsonArray ?? [])
            .Where(v => v?["storage"]?.GetValue<bool>() != false)
            .Select(v => (JsonNode?)v?["name"]?.GetValue<string>())]);
        return new JsonObject
        {
            ["acceptedNames"] = crd["spec"]!["names"]!.DeepClone(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["storedVersions"] = storedVersions,
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string at) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = at,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static ApiException Invalid(string name, string detail) =>
        ApiException.Invalid(ResourceTypes.CustomResourceDefinitions, name, detail);
}
