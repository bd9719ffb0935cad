using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>
/// The kinds the API server serves: the built-in ones, plus one per CustomResourceDefinition while it exists.
/// Types are kept as single instances so they can key the store.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Lock gate = new();
    private readonly List<ResourceType> types = [.. ResourceTypes.BuiltIn];

    public IReadOnlyList<ResourceType> All
    {
        get
        {
            lock (gate)
            {
                return [.. types];
            }
        }
    }

    public ResourceType? Find(string group, string version, string plural)
    {
        lock (gate)
        {
            return types.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);
        }
    }

    public bool ServesGroupVersion(string group, string version)
    {
        lock (gate)
        {
            return types.Any(t => t.Group == group && t.Version == version);
        }
    }

    /// <summary>Registers the kinds a CRD defines (one per served version); the same instance comes back for a kind already known.</summary>
    public void Register(JsonObject crd)
    {
        var spec = crd["spec"];
        var group = spec?["group"]?.GetValue<string>() ?? "";
        var names = spec?["names"];
        var plural = names?["plural"]?.GetValue<string>() ?? "";
        var kind = names?["kind"]?.GetValue<string>() ?? "";
        var singular = names?["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant();
        var shortNames = names?["shortNames"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];
        var namespaced = !string.Equals(spec?["scope"]?.GetValue<string>(), "Cluster", StringComparison.Ordinal);
        foreach (var version in spec?["versions"]?.AsArray() ?? [])
        {
            var name = version?["name"]?.GetValue<string>() ?? "";
            if (version?["served"]?.GetValue<bool>() == false || Find(group, name, plural) is not null)
            {
                continue;
            }

            var subresources = version?["subresources"]?["status"] is not null ? new[] { "status" } : [];
            lock (gate)
            {
                types.Add(new ResourceType(group, name, plural, singular, kind, namespaced, shortNames, subresources));
            }
        }
    }

    public void Unregister(JsonObject crd)
    {
        var group = crd["spec"]?["group"]?.GetValue<string>();
        var plural = crd["spec"]?["names"]?["plural"]?.GetValue<string>();
        lock (gate)
        {
            types.RemoveAll(t => t.Group == group && t.Plural == plural && !ResourceTypes.BuiltIn.Contains(t));
        }
    }
}
