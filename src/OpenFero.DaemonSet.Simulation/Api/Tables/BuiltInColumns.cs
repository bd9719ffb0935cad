using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Store;
using static OpenFero.DaemonSet.Simulation.Api.Tables.PrinterColumn;

namespace OpenFero.DaemonSet.Simulation.Api.Tables;

/// <summary>The columns the real API server's printers give the built-in kinds (<c>pkg/printers/internalversion</c>).</summary>
public static class BuiltInColumns
{
    public static IReadOnlyList<PrinterColumn>? For(ResourceType type) => type.Kind switch
    {
        "DaemonSet" => DaemonSets,
        "Pod" => Pods,
        "Node" => Nodes,
        "Job" => JobColumns.All,
        "ControllerRevision" => ControllerRevisionColumns.All,
        "Namespace" => [NameColumn, Text("Status", o => Str(o["status"]?["phase"])), Age],
        "ResourceQuota" => ResourceQuotas,
        "Lease" => [NameColumn, Text("Holder", o => Str(o["spec"]?["holderIdentity"])), Age],
        "Event" when type.Group.Length == 0 => EventColumns.All,
        "CustomResourceDefinition" => [NameColumn, Text("Created At", o => Str(o["metadata"]?["creationTimestamp"]))],
        _ => null,
    };

    private static readonly PrinterColumn[] DaemonSets =
    [
        NameColumn,
        Number("Desired", o => Int(o["status"]?["desiredNumberScheduled"])),
        Number("Current", o => Int(o["status"]?["currentNumberScheduled"])),
        Number("Ready", o => Int(o["status"]?["numberReady"])),
        Number("Up-to-date", o => Int(o["status"]?["updatedNumberScheduled"])),
        Number("Available", o => Int(o["status"]?["numberAvailable"])),
        Text("Node Selector", o => Pairs(o["spec"]?["template"]?["spec"]?["nodeSelector"])),
        Age,
        Text("Containers", o => Containers(o["spec"]?["template"]?["spec"], "name"), priority: 1),
        Text("Images", o => Containers(o["spec"]?["template"]?["spec"], "image"), priority: 1),
        Text("Selector", o => SelectorText.Format(o["spec"]?["selector"]), priority: 1),
    ];

    /// <summary><c>printResourceQuota</c>: <c>resource: used/hard</c> for each hard resource, sorted; <c>limits.*</c> in LIMIT, the rest in REQUEST.</summary>
    private static readonly PrinterColumn[] ResourceQuotas =
    [
        NameColumn,
        Age,
        new("Request", "string", 0, (o, _) => QuotaUsage(o, limits: false)),
        new("Limit", "string", 0, (o, _) => QuotaUsage(o, limits: true)),
    ];

    private static readonly PrinterColumn[] Pods =
    [
        NameColumn,
        Text("Ready", o => $"{(o["status"]?["containerStatuses"] as JsonArray ?? []).Count(c => c?["ready"]?.GetValue<bool>() == true)}/{(o["spec"]?["containers"] as JsonArray)?.Count ?? 0}"),
        Text("Status", PodStatus),
        Number("Restarts", o => (o["status"]?["containerStatuses"] as JsonArray ?? []).Sum(c => Int(c?["restartCount"]))),
        Age,
        Text("IP", o => o["status"]?["podIP"]?.GetValue<string>(), priority: 1),
        Text("Node", o => o["spec"]?["nodeName"]?.GetValue<string>(), priority: 1),
    ];

    private static readonly PrinterColumn[] Nodes =
    [
        NameColumn,
        Text("Status", NodeStatus),
        Text("Roles", Roles),
        Age,
        Text("Version", o => Str(o["status"]?["nodeInfo"]?["kubeletVersion"])),
    ];

    private static string QuotaUsage(JsonObject quota, bool limits) => string.Join(", ",
        (quota["status"]?["hard"] as JsonObject ?? []).Select(kv => kv.Key).Order(StringComparer.Ordinal)
            .Where(resource => resource.Split('.') is ["limits", _, ..] == limits)
            .Select(resource => $"{resource}: {(Str(quota["status"]?["used"]?[resource]) is { Length: > 0 } used ? used : "0")}/{Str(quota["status"]?["hard"]?[resource])}"));

    internal static string Containers(JsonNode? podSpec, string field) =>
        string.Join(",", (podSpec?["containers"] as JsonArray ?? []).Select(c => Str(c?[field])));

    /// <summary>kubectl's pod STATUS: the phase, overridden by a container's waiting or terminated reason, then by Terminating.</summary>
    private static string PodStatus(JsonObject pod)
    {
        var reason = pod["status"]?["reason"]?.GetValue<string>() ?? Str(pod["status"]?["phase"]);
        foreach (var container in pod["status"]?["containerStatuses"] as JsonArray ?? [])
        {
            var waiting = container?["state"]?["waiting"]?["reason"]?.GetValue<string>();
            var terminated = container?["state"]?["terminated"]?["reason"]?.GetValue<string>();
            reason = !string.IsNullOrEmpty(waiting) ? waiting : !string.IsNullOrEmpty(terminated) ? terminated : reason;
        }

        return pod["metadata"]?["deletionTimestamp"] is null ? reason
            : pod["status"]?["reason"]?.GetValue<string>() == "NodeLost" ? "Unknown" : "Terminating";
    }

    private static string NodeStatus(JsonObject node)
    {
        var ready = (node["status"]?["conditions"] as JsonArray ?? []).FirstOrDefault(c => Str(c?["type"]) == "Ready");
        var status = ready is null ? "Unknown" : Str(ready["status"]) == "True" ? "Ready" : "NotReady";
        return node["spec"]?["unschedulable"]?.GetValue<bool>() == true ? status + ",SchedulingDisabled" : status;
    }

    private static string Roles(JsonObject node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = (node["metadata"]?["labels"] as JsonObject ?? [])
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(kv => kv.Key[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }
}
