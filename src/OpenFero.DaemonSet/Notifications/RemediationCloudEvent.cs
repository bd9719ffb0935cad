using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace OpenFero.DaemonSet.Notifications;

/// <summary>
/// A remediation's transition as a CloudEvents 1.0 event in structured JSON mode: <c>type</c>
/// <c>io.openfero.daemonset.remediation.started|analyzed|step|ended</c>, <c>source</c> the Job's path, <c>subject</c>
/// the DaemonSet, <c>id</c> the Job and transition (a step's with its number: the same event sent twice has the same
/// id, so a receiver can drop the second), and the notice as <c>data</c>: a step event's <c>step</c> is the step
/// taken, and <c>steps</c> every step seen so far.
/// </summary>
public static class RemediationCloudEvent
{
    public const string TypePrefix = "io.openfero.daemonset.remediation.";

    private static readonly JsonEventFormatter Formatter = new();

    public static CloudEvent Of(RemediationNotice notice) => new(CloudEventsSpecVersion.V1_0)
    {
        Id = notice.Event == NoticeEvent.Step ? $"{notice.Job}.step.{notice.Steps?.Count ?? 0}" : $"{notice.Job}.{notice.EventName}",
        Source = new Uri($"/namespaces/{notice.JobNamespace}/jobs/{notice.Job}", UriKind.Relative),
        Type = TypePrefix + notice.EventName,
        Subject = notice.TargetText,
        Time = notice.At,
        DataContentType = MediaTypeNames.Application.Json,
        Data = Data(notice),
    };

    /// <summary>The body to post and its content type (<c>application/cloudevents+json</c>).</summary>
    public static (ReadOnlyMemory<byte> Body, string ContentType) Encode(RemediationNotice notice)
    {
        var body = Formatter.EncodeStructuredModeMessage(Of(notice), out var contentType);
        return (body, contentType.ToString());
    }

    private static JsonElement Data(RemediationNotice notice)
    {
        var data = new JsonObject
        {
            ["alertName"] = notice.AlertName,
            ["fingerprint"] = notice.Fingerprint,
            ["severity"] = notice.Severity,
            ["namespace"] = notice.Target?.Namespace,
            ["daemonSet"] = notice.Target?.Name,
            ["jobNamespace"] = notice.JobNamespace,
            ["job"] = notice.Job,
            ["verdict"] = notice.Verdict,
            ["outcome"] = notice.Outcome,
            ["summary"] = notice.Summary,
            ["step"] = notice.Event == NoticeEvent.Step ? notice.Steps?.LastOrDefault() : null,
            ["steps"] = new JsonArray([.. (notice.Steps ?? []).Select(s => JsonValue.Create(s))]),
            ["nextCommands"] = new JsonArray([.. notice.NextCommands.Select(c => JsonValue.Create(c))]),
        };
        using var document = JsonDocument.Parse(data.ToJsonString());
        return document.RootElement.Clone();
    }
}
