using System.Globalization;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// A controller's Event recorder, as client-go's <c>record</c> package writes core/v1 Events: named
/// <c>&lt;object&gt;.&lt;unix nanoseconds in hex&gt;</c>, <c>source.component</c> and <c>reportingComponent</c> the
/// controller, first and last timestamps and a count. The same Event again (same object, type, reason and message)
/// is not a new object: its count goes up and its lastTimestamp moves, as the recorder's correlator does it.
/// </summary>
public sealed class EventRecorder(ClusterStore store, TimeProvider time, string component)
{
    private readonly Dictionary<string, string> recorded = new(StringComparer.Ordinal);

    public void Warning(V1ObjectReference involved, string reason, string message) => Record(involved, "Warning", reason, message);

    public void Record(V1ObjectReference involved, string type, string reason, string message)
    {
        // metav1.Time is whole seconds on the wire; the name keeps the nanoseconds, as client-go's does.
        var exact = time.GetUtcNow();
        var now = exact.AddTicks(-(exact.Ticks % TimeSpan.TicksPerSecond));
        var ns = involved.NamespaceProperty ?? "default";
        var key = string.Join('\n', involved.Kind, ns, involved.Name, involved.Uid, involved.ApiVersion, involved.FieldPath, type, reason, message);
        if (recorded.TryGetValue(key, out var name) && store.Get(ResourceTypes.Events, ns, name) is { } existing)
        {
            var repeated = existing.ToMutable<Corev1Event>();
            repeated.Count = (repeated.Count ?? 1) + 1;
            repeated.LastTimestamp = now.UtcDateTime;
            store.TryUpdate(ResourceTypes.Events, repeated);
            return;
        }

        var nanoseconds = (exact - DateTimeOffset.UnixEpoch).Ticks * 100;
        var created = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = $"{involved.Name}.{nanoseconds.ToString("x", CultureInfo.InvariantCulture)}", NamespaceProperty = ns },
            InvolvedObject = involved,
            Type = type,
            Reason = reason,
            Message = message,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Count = 1,
            Source = new V1EventSource { Component = component },
            ReportingComponent = component,
            ReportingInstance = "",
        };
        try
        {
            recorded[key] = store.Create(ResourceTypes.Events, ClusterJson.From(created)).Name;
        }
        catch (ApiException)
        {
            // Events are best effort, as the real recorder's are: a name taken or a namespace gone loses this one.
        }
    }

    public static V1ObjectReference Reference(V1DaemonSet daemonSet) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "DaemonSet",
        Name = daemonSet.Metadata.Name,
        NamespaceProperty = daemonSet.Metadata.NamespaceProperty,
        Uid = daemonSet.Metadata.Uid,
        ResourceVersion = daemonSet.Metadata.ResourceVersion,
    };
}
