using System.Globalization;
using System.Runtime.CompilerServices;
using OpenFero.DaemonSet.Alerts;

namespace OpenFero.DaemonSet.Templates;

/// <summary>
/// The data a template is rendered with, shaped as OpenFero's (<c>pkg/services/operarius.go</c>,
/// <c>applyTemplateVariables</c>): <c>.Alert</c>, <c>.HookMessage</c>, and at top level <c>.Labels</c>,
/// <c>.Annotations</c>, <c>.GroupKey</c>, <c>.Status</c>. Field names and type names are Go's, so error messages match.
/// </summary>
/// <remarks>
/// OpenFero's <c>models.Alert</c> keeps <c>StartsAt</c>/<c>EndsAt</c> as the strings Alertmanager sent; they are
/// rendered here as Alertmanager writes them (RFC 3339 with trimmed nanoseconds, <c>Z</c> for UTC). An alert here
/// also has <c>.Status</c>, <c>.GeneratorURL</c> and <c>.Fingerprint</c>, which OpenFero does not model: a
/// template that works in OpenFero works here; one that uses those fields would fail in OpenFero.
/// </remarks>
public sealed class TemplateData
{
    private const string AlertType = "models.Alert";
    private const string TopLevelType = "struct { Alert models.Alert; HookMessage models.HookMessage; "
        + "Labels map[string]string; Annotations map[string]string; GroupKey string; Status string }";

    // One .HookMessage per delivery, whichever of its alerts a Job is for: a group of n alerts is n alert values, not n².
    private static readonly ConditionalWeakTable<AlertmanagerWebhook, GoStruct> HookMessages = new();

    private TemplateData(GoStruct root) => Root = root;

    internal GoStruct Root { get; }

    /// <summary>As OpenFero does: the first alert of the body, or one made of the common labels and annotations.</summary>
    public static TemplateData For(AlertmanagerWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var first = webhook.Alerts is [var alert, ..]
            ? alert
            : new AlertmanagerAlert(null, webhook.CommonLabels, webhook.CommonAnnotations, null, null, null, null);
        return For(first, webhook);
    }

    /// <summary>The given alert as <c>.Alert</c> (and its labels and annotations at top level), the body as <c>.HookMessage</c>.</summary>
    public static TemplateData For(AlertmanagerAlert alert, AlertmanagerWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(webhook);
        var hookMessage = HookMessages.GetValue(webhook, HookMessage);
        return new TemplateData(new GoStruct(TopLevelType,
        [
            new("Alert", Alert(alert)),
            new("HookMessage", hookMessage),
            new("Labels", Map(alert.Labels)),
            new("Annotations", Map(alert.Annotations)),
            new("GroupKey", webhook.GroupKey ?? ""),
            new("Status", webhook.Status ?? ""),
        ]));
    }

    private static GoStruct HookMessage(AlertmanagerWebhook webhook) => new("models.HookMessage",
    [
        new("Version", webhook.Version ?? ""),
        new("GroupKey", webhook.GroupKey ?? ""),
        new("Status", webhook.Status ?? ""),
        new("Receiver", webhook.Receiver ?? ""),
        new("GroupLabels", Map(webhook.GroupLabels)),
        new("CommonLabels", Map(webhook.CommonLabels)),
        new("CommonAnnotations", Map(webhook.CommonAnnotations)),
        new("ExternalURL", webhook.ExternalUrl ?? ""),
        new("Alerts", new GoList("[]" + AlertType, (webhook.Alerts ?? []).Select(a => (object?)Alert(a)).ToList())),
    ]);

    private static GoStruct Alert(AlertmanagerAlert alert) => new(AlertType,
    [
        new("Labels", Map(alert.Labels)),
        new("Annotations", Map(alert.Annotations)),
        new("StartsAt", Rfc3339(alert.StartsAt)),
        new("EndsAt", Rfc3339(alert.EndsAt)),
        new("Status", alert.Status ?? ""),
        new("GeneratorURL", alert.GeneratorUrl ?? ""),
        new("Fingerprint", alert.Fingerprint ?? ""),
    ]);

    // A nil map and an empty map behave the same in a template: no keys, false, printed as map[].
    private static IReadOnlyDictionary<string, string> Map(IReadOnlyDictionary<string, string>? map) =>
        map ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Go's RFC3339Nano, the form Alertmanager sends: fraction without trailing zeros, Z for UTC.</summary>
    internal static string Rfc3339(DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            return "";
        }

        var fraction = (t.Ticks % TimeSpan.TicksPerSecond).ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        var zone = t.Offset == TimeSpan.Zero ? "Z" : t.ToString("zzz", CultureInfo.InvariantCulture);
        return t.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture)
            + (fraction.Length > 0 ? "." + fraction : "") + zone;
    }
}
