using System.Text.Json;
using System.Text.Json.Serialization;
using OpenFero.DaemonSet.Alerts;

namespace OpenFero.DaemonSet.Webhook;

/// <summary>Compile-time JSON for the webhook's body and answer: the hot path reads and writes them without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AlertmanagerWebhook))]
[JsonSerializable(typeof(WebhookAnswer))]
public sealed partial class WebhookJsonContext : JsonSerializerContext;
