using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using OpenFero.DaemonSet.Metrics;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Messages sent and not sent, on the server's <c>openfero</c> meter: <c>openfero_notifications_sent_total{destination_type,event}</c>
/// and <c>openfero_notifications_failed_total{destination_type,reason}</c> (a status code, an exception type,
/// <c>queueFull</c>, <c>urlFile</c>, <c>slack:&lt;error&gt;</c>); retries are counted apart from failures. The failures
/// are kept as plain counts and read when the metrics are collected: a full queue counts every notice it drops on
/// the remediation path, which must stay cheap.
/// </summary>
public sealed class NotificationMetrics
{
    private readonly Counter<long> sent;
    private readonly Counter<long> retries;
    private readonly ConcurrentDictionary<(DestinationType Type, string Reason), StrongBox<long>> failed = new();

    public NotificationMetrics(ServerMetrics metrics)
    {
        sent = metrics.Meter.CreateCounter<long>("notifications_sent_total", description: "Notifications a destination took, by destination type and event.");
        retries = metrics.Meter.CreateCounter<long>("notifications_retries_total", description: "Notification attempts retried, by destination type and reason.");
        metrics.Meter.CreateObservableCounter("notifications_failed_total", FailedMeasurements, description: "Notifications not delivered after retries, by destination type and reason.");
    }

    public void Sent(DestinationType type, string @event) => sent.Add(1, Type(type), new KeyValuePair<string, object?>("event", @event));

    public void Failed(DestinationType type, string reason) => Interlocked.Increment(ref failed.GetOrAdd((type, reason), _ => new StrongBox<long>()).Value);

    public void Retried(DestinationType type, string reason) => retries.Add(1, Type(type), Reason(reason));

    private IEnumerable<Measurement<long>> FailedMeasurements() =>
        failed.Select(count => new Measurement<long>(Volatile.Read(ref count.Value.Value), Type(count.Key.Type), Reason(count.Key.Reason)));

    private static KeyValuePair<string, object?> Type(DestinationType type) => new("destination_type", type.ToString().ToLowerInvariant());

    private static KeyValuePair<string, object?> Reason(string reason) => new("reason", reason);
}
