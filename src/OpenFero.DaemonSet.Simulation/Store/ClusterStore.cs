using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>
/// The simulated cluster's etcd and the storage half of its API server: objects by kind, namespace and
/// name, one resourceVersion counter, optimistic concurrency, graceful deletion and a bounded event
/// history that watches replay from. Thread-safe; every method is atomic. Given a seed, the generated names and
/// uids are the same on every run that creates the same objects in the same order.
/// </summary>
public sealed partial class ClusterStore(TimeProvider time, int historyCapacity = 100_000, int? nameSeed = null)
{
    private readonly Lock gate = new();
    private readonly Random? seeded = nameSeed is { } seed ? new Random(seed) : null;
    private readonly Dictionary<ResourceType, SortedDictionary<string, StoredObject>> objects = [];
    private readonly Dictionary<ResourceType, IResourceStrategy> strategies = [];
    private readonly Dictionary<ResourceType, IAdmission> admissions = [];
    private readonly Queue<WatchEvent> history = new();
    private readonly List<WatchSubscription> subscriptions = [];
    private long resourceVersion = 1;

    public TimeProvider Time { get; } = time;

    public long CurrentResourceVersion
    {
        get
        {
            lock (gate)
            {
                return resourceVersion;
            }
        }
    }

    public void UseStrategy(ResourceType type, IResourceStrategy strategy)
    {
        lock (gate)
        {
            strategies[type] = strategy;
        }
    }

    /// <summary>A validating admission check for creates of one kind, run after the kind's strategy, atomically with the create.</summary>
    public void UseAdmission(ResourceType type, IAdmission admission)
    {
        lock (gate)
        {
            admissions[type] = admission;
        }
    }

    public StoredObject? Get(ResourceType type, string? ns, string name)
    {
        lock (gate)
        {
            return Table(type).GetValueOrDefault(Key(type, ns, name));
        }
    }

    public StoredObject GetRequired(ResourceType type, string? ns, string name) =>
        Get(type, ns, name) ?? throw ApiException.NotFound(type, name);

    /// <summary>Objects of a kind (in one namespace, or all when <paramref name="ns"/> is null), ordered by namespace then name.</summary>
    public IReadOnlyList<StoredObject> List(ResourceType type, string? ns = null)
    {
        lock (gate)
        {
            var table = Table(type);
            if (ns is null || !type.Namespaced)
            {
                return [.. table.Values];
            }

            var prefix = ns + "/";
            return [.. table.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(kv => kv.Value)];
        }
    }

    public StoredObject Create(ResourceType type, JsonObject obj)
    {
        lock (gate)
        {
            var metadata = Metadata(obj);
            var ns = type.Namespaced ? metadata["namespace"]?.GetValue<string>() ?? "default" : null;
            if (ns is not null)
            {
                metadata["namespace"] = ns;
                if (!Table(ResourceTypes.Namespaces).ContainsKey(ns))
                {
                    throw ApiException.NotFound(ResourceTypes.Namespaces, ns);
                }
            }
            else
            {
                metadata.Remove("namespace");
            }

            var name = metadata["name"]?.GetValue<string>();

            // What admission errors call the object: its name, or its generateName when the name is not generated yet.
            var requestedName = string.IsNullOrEmpty(name) ? metadata["generateName"]?.GetValue<string>() ?? "Unknown" : name;
            if (string.IsNullOrEmpty(name))
            {
                var generateName = metadata["generateName"]?.GetValue<string>();
                if (string.IsNullOrEmpty(generateName))
                {
                    throw ApiException.Invalid(type, "", "metadata.name: Required value: name or generateName is required");
                }

                do
                {
                    name = generateName + RandomSuffix();
                }
                while (Table(type).ContainsKey(Key(type, ns, name)));
                metadata["name"] = name;
            }

            if (Table(type).ContainsKey(Key(type, ns, name)))
            {
                throw ApiException.AlreadyExists(type, name);
            }

            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            metadata["uid"] = NewUid();
            metadata["creationTimestamp"] = Rfc3339(Time.GetUtcNow());
            metadata.Remove("deletionTimestamp");
            if (obj.ContainsKey("spec"))
            {
                metadata["generation"] = 1L;
            }

            strategies.GetValueOrDefault(type)?.PrepareForCreate(obj);
            admissions.GetValueOrDefault(type)?.AdmitCreate(this, obj, requestedName);
            return Commit(type, ns, name, obj, WatchEventType.Added);
        }
    }

    /// <summary>
    /// Replaces an object. With <paramref name="statusOnly"/> only <c>status</c> is taken from <paramref name="obj"/>;
    /// otherwise <c>status</c> is kept from the stored object for kinds with a status subresource.
    /// A resourceVersion in <paramref name="obj"/> that is not the stored one is a 409 Conflict.
    /// </summary>
    public StoredObject Update(ResourceType type, JsonObject obj, bool statusOnly = false)
    {
        lock (gate)
        {
            var metadata = Metadata(obj);
            var ns = type.Namespaced ? metadata["namespace"]?.GetValue<string>() ?? "default" : null;
            var name = metadata["name"]?.GetValue<string>() ?? throw ApiException.Invalid(type, "", "metadata.name: Required value");
            var current = Table(type).GetValueOrDefault(Key(type, ns, name)) ?? throw ApiException.NotFound(type, name);
            var expected = metadata["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(expected) && expected != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");
            }

            JsonObject next;
            if (statusOnly)
            {
                next = current.CloneJson();
                next["status"] = obj["status"]?.DeepClone();
            }
            else
            {
                next = (JsonObject)obj.DeepClone();
                var currentMeta = Metadata(current.Json);
                var nextMeta = Metadata(next);
                foreach (var kept in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
                {
                    nextMeta[kept] = currentMeta[kept]?.DeepClone();
                }

                if (type.HasStatus)
                {
                    next["status"] = current.Json["status"]?.DeepClone();
                }

                if (!JsonNode.DeepEquals(next["spec"], current.Json["spec"]) && nextMeta["generation"] is not null)
                {
                    nextMeta["generation"] = nextMeta["generation"]!.ToInt64() + 1;
                }

                strategies.GetValueOrDefault(type)?.PrepareForUpdate(next, current.Json);
            }

            next["apiVersion"] = type.ApiVersion;
            next["kind"] = type.Kind;
            RemoveNulls(Metadata(next));
            if (next["status"] is null)
            {
                next.Remove("status");
            }

            return Commit(type, ns, name, next, WatchEventType.Modified);
        }
    }

    private StoredObject Commit(ResourceType type, string? ns, string name, JsonObject obj, WatchEventType change)
    {
        var rv = ++resourceVersion;
        Metadata(obj)["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stored = new StoredObject(type, obj, rv);
        Table(type)[Key(type, ns, name)] = stored;
        Publish(new WatchEvent(change, type, obj, rv));
        return stored;
    }

    private SortedDictionary<string, StoredObject> Table(ResourceType type)
    {
        if (!objects.TryGetValue(type, out var table))
        {
            table = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            objects[type] = table;
        }

        return table;
    }

    internal static string Key(ResourceType type, string? ns, string name) =>
        type.Namespaced ? $"{ns ?? "default"}/{name}" : name;

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }

        return metadata;
    }

    private static void RemoveNulls(JsonObject obj)
    {
        foreach (var key in obj.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            obj.Remove(key);
        }
    }

    public static string Rfc3339(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    // Called under the gate, so the seeded source is never used by two threads at once.
    private string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var random = seeded ?? Random.Shared;
        return string.Create(5, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    private string NewUid()
    {
        if (seeded is null)
        {
            return Guid.NewGuid().ToString();
        }

        var bytes = new byte[16];
        seeded.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
