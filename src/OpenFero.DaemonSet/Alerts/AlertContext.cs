using OpenFero.DaemonSet.Semantics;
namespace OpenFero.DaemonSet.Alerts;

/// <summary>
/// One alert of a webhook delivery, ready to act on: its identity (fingerprint + startsAt is one alert
/// instance), its labels, the <c>OPENFERO_*</c> environment built from them, and its target when it names one.
/// </summary>
public sealed record AlertContext(
    string AlertName,
    string Status,
    string Fingerprint,
    DateTimeOffset StartsAt,
    string GroupKey,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyDictionary<string, string> Environment,
    DaemonSetTarget? Target)
{
    /// <summary>What the context had to decide about the labels (names that map to the same variable), for the answer.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The alert as received, and the whole body it came in: what an Operarius' templates are rendered with.</summary>
    public AlertmanagerAlert? Source { get; init; }

    /// <inheritdoc cref="Source"/>
    public AlertmanagerWebhook? Delivery { get; init; }

    public bool IsFiring => string.Equals(Status, "firing", StringComparison.Ordinal);
}
