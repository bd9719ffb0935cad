using System.Text.Json.Serialization;

namespace OpenFero.DaemonSet.Alerts;

/// <summary>Alertmanager's webhook body, version "4". Fields newer Alertmanagers add are ignored.</summary>
public sealed record AlertmanagerWebhook(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("groupKey")] string? GroupKey,
    [property: JsonPropertyName("truncatedAlerts")] long TruncatedAlerts,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("receiver")] string? Receiver,
    [property: JsonPropertyName("groupLabels")] IReadOnlyDictionary<string, string>? GroupLabels,
    [property: JsonPropertyName("commonLabels")] IReadOnlyDictionary<string, string>? CommonLabels,
    [property: JsonPropertyName("commonAnnotations")] IReadOnlyDictionary<string, string>? CommonAnnotations,
    [property: JsonPropertyName("externalURL")] string? ExternalUrl,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertmanagerAlert>? Alerts);

/// <summary>One alert of a webhook body. A firing alert's endsAt is Go's zero time.</summary>
public sealed record AlertmanagerAlert(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations,
    [property: JsonPropertyName("startsAt")] DateTimeOffset? StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset? EndsAt,
    [property: JsonPropertyName("generatorURL")] string? GeneratorUrl,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint);
