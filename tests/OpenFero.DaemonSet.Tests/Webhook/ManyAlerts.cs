using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Tests.Webhook;

/// <summary>A delivery of many KubeDaemonSetRolloutStuck alerts, each for its own DaemonSet (none need exist).</summary>
internal static class ManyAlerts
{
    public static string Delivery(string group, int count) => new JsonObject
    {
        ["version"] = "4",
        ["status"] = "firing",
        ["receiver"] = "openfero",
        ["groupKey"] = "{}:{group=\"" + group + "\"}",
        ["alerts"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = new JsonObject
            {
                ["alertname"] = "KubeDaemonSetRolloutStuck",
                ["namespace"] = "monitoring",
                ["daemonset"] = $"{group}-agent-{i}",
            },
            ["startsAt"] = "2026-11-22T22:38:45Z",
            ["fingerprint"] = $"{group}-{i:x8}",
        })]),
    }.ToJsonString();
}
