using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>A request path resolved to a kind, and to a namespace, name and subresource where it names them.</summary>
public sealed record ApiPath(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>
    /// Resolves <c>/api/v1/...</c> and <c>/apis/{group}/{version}/...</c> paths. Null when the path names no served kind.
    /// </summary>
    public static ApiPath? Parse(string path, ResourceRegistry registry)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var tail = segments[rest..];
        if (tail.Length >= 3 && tail[0] == "namespaces" && registry.Find(group, version, tail[2]) is { Namespaced: true } namespacedType)
        {
            return tail.Length switch
            {
                3 => new ApiPath(namespacedType, tail[1], null, null),
                4 => new ApiPath(namespacedType, tail[1], tail[3], null),
                5 => new ApiPath(namespacedType, tail[1], tail[3], tail[4]),
                _ => null,
            };
        }

        if (registry.Find(group, version, tail[0]) is not { } type)
        {
            return null;
        }

        return tail.Length switch
        {
            1 => new ApiPath(type, null, null, null),
            2 => new ApiPath(type, null, tail[1], null),
            3 => new ApiPath(type, null, tail[1], tail[2]),
            _ => null,
        };
    }
}
