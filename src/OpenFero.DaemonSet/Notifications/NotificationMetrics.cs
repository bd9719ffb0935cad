using System.Diagnostics.Metrics;
using OpenFero.DaemonSet.Metrics;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// Messages sent and not sent, on the server's <c>openfero</c> meter: <c>openfero_notifications_sent_total{destination_type,event}</c>
/// and <c>openfero_notifications_failed_total{destination_type,reason}</c> (a status code, an exception type,
/// <c>queueFull</c>, <c>urlFile</c>, <c>slack:&lt;error&gt;</c>); retries are counted apart from failures.
/// </summary>
public sealed class NotificationMetrics(ServerMetrics metrics)
{
    private readonly Counter<long> sent = metrics.Meter.CreateCounter<long>("notifications_sent_total", description: "Notifications a destination took, by destination type and event.");
    private readonly Counter<long> failed = metrics.Meter.CreateCounter<long>("notifications_failed_total", description: "Notifications not delivered after retries, by destination type and reason.");
    private readonly Counter<long> retries = metrics.Meter.CreateCounter<long>("notifications_retries_total", description: "Notification attempts retried, by destination type and reason.");

    public void Sent(DestinationType type, string @event) => sent.Add(1, Type(type), new KeyValuePair<string, object?>("event", @event));

    public void Failed(DestinationType type, string reason) => failed.Add(1, Type(type), Reason(reason));

    public void Retried(DestinationType type, string reason) => retries.Add(1, Type(type), Reason(reason));

    private static KeyValuePair<string, object?> Type(DestinationType type) => new("destination_type", type.ToString().ToLowerInvariant());

    private static KeyValuePair<string, object?> Reason(string reason) => new("reason", reason);
}
