using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Simulation.Store;

public sealed partial class ClusterStore
{
    /// <summary>
    /// Deletes an object, or marks it with a deletionTimestamp when its kind deletes gracefully
    /// (a pod on a node: its kubelet finishes with <see cref="FinishDeletion"/>). Returns the object as last stored.
    /// </summary>
    public StoredObject Delete(ResourceType type, string? ns, string name, string? uidPrecondition = null,
        string? resourceVersionPrecondition = null, long? gracePeriodSeconds = null)
    {
        lock (gate)
        {
            var key = Key(type, ns, name);
            var current = Table(type).GetValueOrDefault(key) ?? throw ApiException.NotFound(type, name);
            if (!string.IsNullOrEmpty(uidPrecondition) && uidPrecondition != current.Uid)
            {
                throw ApiException.Conflict(type, name,
                    $"Precondition failed: UID in precondition: {uidPrecondition}, UID in object meta: {current.Uid}");
            }

            if (!string.IsNullOrEmpty(resourceVersionPrecondition) &&
                resourceVersionPrecondition != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type, name,
                    $"Precondition failed: ResourceVersion in precondition: {resourceVersionPrecondition}, ResourceVersion in object meta: {current.ResourceVersion}");
            }

            var strategy = strategies.GetValueOrDefault(type);
            var hasFinalizers = current.Json["metadata"]?["finalizers"] is JsonArray { Count: > 0 };
            if (hasFinalizers || strategy?.DeletesGracefully(current.Json, gracePeriodSeconds) == true)
            {
                if (current.Json["metadata"]?["deletionTimestamp"] is not null)
                {
                    return current;
                }

                var marked = current.CloneJson();
                var metadata = Metadata(marked);
                metadata["deletionTimestamp"] = Rfc3339(Time.GetUtcNow().AddSeconds(gracePeriodSeconds ?? 30));
                metadata["deletionGracePeriodSeconds"] = gracePeriodSeconds ?? 30;
                return Commit(type, ns, name, marked, WatchEventType.Modified);
            }

            return Remove(type, key, current);
        }
    }

    /// <summary>
    /// Records that deletion of an object was requested at a given time (a scenario that starts with a pod stuck
    /// Terminating for a while): sets deletionTimestamp as the API server would have then. An object must have
    /// existed before its deletion was requested: one created later is back-dated to an hour before the request.
    /// </summary>
    public StoredObject MarkDeletionRequested(ResourceType type, string? ns, string name, DateTimeOffset deletionTimestamp, long gracePeriodSeconds)
    {
        lock (gate)
        {
            var current = Table(type).GetValueOrDefault(Key(type, ns, name)) ?? throw ApiException.NotFound(type, name);
            var marked = current.CloneJson();
            var metadata = Metadata(marked);
            metadata["deletionTimestamp"] = Rfc3339(deletionTimestamp);
            metadata["deletionGracePeriodSeconds"] = gracePeriodSeconds;
            var requested = deletionTimestamp.AddSeconds(-gracePeriodSeconds);
            if (!DateTimeOffset.TryParse(metadata["creationTimestamp"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var created) || created >= requested)
            {
                metadata["creationTimestamp"] = Rfc3339(requested.AddHours(-1));
            }
            return Commit(type, ns, name, marked, WatchEventType.Modified);
        }
    }

    /// <summary>Removes an object now, whatever its grace period (the kubelet's last word on a terminated pod).</summary>
    public StoredObject? FinishDeletion(ResourceType type, string? ns, string name)
    {
        lock (gate)
        {
            var key = Key(type, ns, name);
            var current = Table(type).GetValueOrDefault(key);
            return current is null ? null : Remove(type, key, current);
        }
    }

    private StoredObject Remove(ResourceType type, string key, StoredObject current)
    {
        Table(type).Remove(key);
        var rv = ++resourceVersion;
        var gone = current.CloneJson();
        Metadata(gone)["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Publish(new WatchEvent(WatchEventType.Deleted, type, gone, rv));
        return new StoredObject(type, gone, rv);
    }
}
