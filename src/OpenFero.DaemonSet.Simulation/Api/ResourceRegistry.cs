using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Metrics;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Api;

/// <summary>
/// The kinds the API server serves: the built-in ones, plus one per served version of every
/// CustomResourceDefinition in the store — however the CRD got there (the API, a scenario, a test) — for as
/// long as it exists. Types are kept as single instances so they can key the store. The resource metrics API
/// (<see cref="ResourceMetrics"/>), when served, is discovered and resolved like the others but never stored.
/// </summary>
public sealed class ResourceRegistry(ClusterStore? store = null, bool servesMetrics = false)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ResourceType> custom = new(StringComparer.Ordinal);

    public IReadOnlyList<ResourceType> All => [.. ResourceTypes.BuiltIn, .. CustomTypes()];

    /// <summary>PodMetrics and NodeMetrics of <c>metrics.k8s.io</c>, computed on request: none when the cluster has no metrics API.</summary>
    public IReadOnlyList<ResourceType> Metrics => servesMetrics ? ResourceMetrics.Types : [];

    public ResourceType? Find(string group, string version, string plural) =>
        ResourceTypes.BuiltIn.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural)
        ?? Metrics.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural)
        ?? CustomTypes().FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public bool ServesGroupVersion(string group, string version) => All.Concat(Metrics).Any(t => t.Group == group && t.Version == version);

    /// <summary>The kinds one CRD defines, one per served version; the same instance comes back for a kind already known.</summary>
    public IReadOnlyList<ResourceType> TypesOf(JsonObject crd)
    {
        var spec = crd["spec"];
        var group = spec?["group"]?.GetValue<string>() ?? "";
        var names = spec?["names"];
        var plural = names?["plural"]?.GetValue<string>() ?? "";
        var kind = names?["kind"]?.GetValue<string>() ?? "";
        var singular = names?["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant();
        var shortNames = (names?["shortNames"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToArray() ?? [];
        var namespaced = !string.Equals(spec?["scope"]?.GetValue<string>(), "Cluster", StringComparison.Ordinal);
        var types = new List<ResourceType>();
        foreach (var version in spec?["versions"] as JsonArray ?? [])
        {
            if (version?["served"]?.GetValue<bool>() == false)
            {
                continue;
            }

            var subresources = version?["subresources"]?["status"] is not null ? new[] { "status" } : [];
            var candidate = new ResourceType(group, version?["name"]?.GetValue<string>() ?? "", plural, singular, kind, namespaced, shortNames, subresources);
            lock (gate)
            {
                var key = KeyOf(candidate);
                if (!custom.TryGetValue(key, out var known) || !SameShape(known, candidate))
                {
                    custom[key] = candidate;
                    known = candidate;
                }

                types.Add(known);
            }
        }

        return types;
    }

    private List<ResourceType> CustomTypes() =>
        [.. (store?.List(ResourceTypes.CustomResourceDefinitions).SelectMany(crd => TypesOf(crd.Json)) ?? []).Distinct()];

    private static string KeyOf(ResourceType type) => $"{type.Group}/{type.Version}/{type.Plural}";

    private static bool SameShape(ResourceType a, ResourceType b) =>
        a.Kind == b.Kind && a.Singular == b.Singular && a.Namespaced == b.Namespaced
        && a.ShortNames.SequenceEqual(b.ShortNames) && a.Subresources.SequenceEqual(b.Subresources);
}
