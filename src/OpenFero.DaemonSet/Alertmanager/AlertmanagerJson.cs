using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenFero.DaemonSet.Alertmanager;

/// <summary>The v2 API's bodies as the client reads and writes them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<GettableAlert>))]
[JsonSerializable(typeof(List<GettableSilence>))]
[JsonSerializable(typeof(NewSilence))]
[JsonSerializable(typeof(SilenceCreated))]
internal sealed partial class AlertmanagerJson : JsonSerializerContext;

internal sealed record GettableAlert(Dictionary<string, string>? Labels, DateTimeOffset StartsAt);

internal sealed record GettableSilence(string Id, SilenceStatus? Status, List<SilenceMatcher>? Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? CreatedBy, string? Comment);

internal sealed record SilenceStatus(string? State);

internal sealed record SilenceCreated(string? SilenceID);
