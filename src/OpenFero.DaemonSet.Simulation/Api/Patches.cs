using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>The three patch formats the API server accepts, applied to a copy of the stored object.</summary>
public static class Patches
{
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string JsonPatch = "application/json-patch+json";

    /// <summary>Lists that strategic merge patch merges element by element, by this key (as the Kubernetes Go types declare).</summary>
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["ports"] = "containerPort",
        ["conditions"] = "type",
        ["imagePullSecrets"] = "name",
        ["ownerReferences"] = "uid",
    };

    public static JsonObject Apply(string contentType, JsonObject target, JsonNode patch) => contentType switch
    {
        MergePatch => (JsonObject)Merge(target, ObjectPatch(patch), strategic: false)!,
        StrategicMergePatch => (JsonObject)Merge(target, ObjectPatch(patch), strategic: true)!,
        JsonPatch => JsonPatchDocument.Apply(target, patch as JsonArray ?? throw ApiException.BadRequest("json patch must be an array of operations")),
        _ => throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {JsonPatch}, {MergePatch}, {StrategicMergePatch}"),
    };

    private static JsonObject ObjectPatch(JsonNode patch) =>
        patch as JsonObject ?? throw ApiException.BadRequest("the patch must be a JSON object: cannot unmarshal it into an object");

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch, bool strategic)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        if (strategic && patchObject["$patch"]?.GetValue<string>() == "replace")
        {
            var replaced = (JsonObject)patchObject.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (strategic && key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else if (strategic && value is JsonArray patchList && result[key] is JsonArray currentList && MergeKeys.TryGetValue(key, out var mergeKey))
            {
                result[key] = MergeList(currentList, patchList, mergeKey);
            }
            else if (strategic && value is JsonObject { Count: 1 } deletion && deletion["$patch"]?.GetValue<string>() == "delete")
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Merge(result[key], value, strategic);
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray current, JsonArray patch, string mergeKey)
    {
        var merged = new JsonArray(current.Select(item => item?.DeepClone()).ToArray());
        foreach (var item in patch)
        {
            var key = item?[mergeKey]?.ToJsonString();
            var existing = merged.FirstOrDefault(m => m?[mergeKey]?.ToJsonString() == key);
            if (item?["$patch"]?.GetValue<string>() == "delete")
            {
                merged.Remove(existing);
            }
            else if (existing is null || key is null)
            {
                merged.Add(item?.DeepClone());
            }
            else
            {
                var at = merged.IndexOf(existing);
                merged[at] = Merge(existing, item, strategic: true);
            }
        }

        return merged;
    }
}
