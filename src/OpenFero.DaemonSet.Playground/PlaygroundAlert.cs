using System.Text.Json;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Playground;

/// <summary>
/// The alert to post at the playground's server: an Alertmanager 0.25 webhook body (version 4) with one firing
/// <c>KubeDaemonSetRolloutStuck</c> for the scenario's DaemonSet, labelled as kube-state-metrics' alert is, so the
/// built-in Operarius selects it whatever the scenario.
/// </summary>
public static class PlaygroundAlert
{
    public const string AlertName = "KubeDaemonSetRolloutStuck";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the body to <paramref name="path"/> and returns its absolute path.</summary>
    public static string Write(string path, DaemonSetTarget daemonSet, DateTimeOffset startsAt)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Body(daemonSet, startsAt).ToJsonString(Indented));
        return full;
    }

    public static JsonObject Body(DaemonSetTarget daemonSet, DateTimeOffset startsAt)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = AlertName,
            ["container"] = "kube-state-metrics",
            ["daemonset"] = daemonSet.Name,
            ["job"] = "kube-state-metrics",
            ["namespace"] = daemonSet.Namespace,
            ["severity"] = "warning",
        };
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["description"] = $"DaemonSet {daemonSet} has not finished or progressed for at least 15m.",
            ["runbook_url"] = "https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubedaemonsetrolloutstuck",
            ["summary"] = "DaemonSet rollout is stuck.",
        };
        var groupLabels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = AlertName,
            ["daemonset"] = daemonSet.Name,
            ["namespace"] = daemonSet.Namespace,
        };
        return new JsonObject
        {
            ["receiver"] = "openfero",
            ["status"] = "firing",
            ["alerts"] = new JsonArray(new JsonObject
            {
                ["status"] = "firing",
                ["labels"] = Object(labels),
                ["annotations"] = Object(annotations),
                ["startsAt"] = startsAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["endsAt"] = "0001-01-01T00:00:00Z",
                ["generatorURL"] = "http://prometheus:9090/graph",
                ["fingerprint"] = LabelSetFingerprint.Of(labels),
            }),
            ["groupLabels"] = Object(groupLabels),
            ["commonLabels"] = Object(labels),
            ["commonAnnotations"] = Object(annotations),
            ["externalURL"] = "http://alertmanager:9093",
            ["version"] = "4",
            ["groupKey"] = $"{{}}:{{alertname=\"{AlertName}\", daemonset=\"{daemonSet.Name}\", namespace=\"{daemonSet.Namespace}\"}}",
            ["truncatedAlerts"] = 0,
        };
    }

    private static JsonObject Object(Dictionary<string, string> values) =>
        new(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)JsonValue.Create(v.Value))));
}
