using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>RFC 6902 JSON Patch: add, remove, replace, test, move, copy over JSON pointers.</summary>
public static class JsonPatchDocument
{
    public static JsonObject Apply(JsonObject target, JsonArray operations)
    {
        JsonNode root = target.DeepClone();
        foreach (var operation in operations)
        {
            var op = operation?["op"]?.GetValue<string>() ?? throw ApiException.BadRequest("json patch operation without \"op\"");
            var path = operation["path"]?.GetValue<string>() ?? throw ApiException.BadRequest($"json patch {op} without \"path\"");
            switch (op)
            {
                case "add":
                    Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Find(root, path), operation["value"]))
                    {
                        throw new ApiException(422, "Invalid", $"the test of path {path} failed");
                    }

                    break;
                case "move" or "copy":
                    var from = operation["from"]?.GetValue<string>() ?? throw ApiException.BadRequest($"json patch {op} without \"from\"");
                    var value = Find(root, from)?.DeepClone();
                    if (op == "move")
                    {
                        Remove(root, from);
                    }

                    Add(root, path, value);
                    break;
                default:
                    throw ApiException.BadRequest($"unknown json patch operation \"{op}\"");
            }
        }

        return root as JsonObject ?? throw ApiException.BadRequest("json patch must leave an object");
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string path)
    {
        var tokens = path.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        if (tokens.Length == 0)
        {
            throw ApiException.BadRequest("json patch path must not be the whole document");
        }

        var parent = root;
        foreach (var token in tokens[..^1])
        {
            parent = Step(parent, token) ?? throw new ApiException(422, "Invalid", $"json patch path {path} does not exist");
        }

        return (parent, tokens[^1]);
    }

    private static JsonNode? Step(JsonNode node, string token) => node switch
    {
        JsonObject obj => obj[token],
        JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
        _ => null,
    };

    private static JsonNode? Find(JsonNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        return Step(parent, last);
    }

    private static void Add(JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw new ApiException(422, "Invalid", $"json patch path {path} cannot be added to");
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        var removed = parent switch
        {
            JsonObject obj => obj.Remove(last),
            JsonArray array when int.TryParse(last, out var index) && index >= 0 && index < array.Count => RemoveAt(array, index),
            _ => false,
        };
        if (!removed)
        {
            throw new ApiException(422, "Invalid", $"json patch path {path} does not exist");
        }
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }
}
