using System.Text.Json.Nodes;
using static OpenFero.DaemonSet.Simulation.Api.Tables.PrinterColumn;

namespace OpenFero.DaemonSet.Simulation.Api.Tables;

/// <summary>The ControllerRevision columns of the real API server's printer (<c>printControllerRevision</c>).</summary>
public static class ControllerRevisionColumns
{
    public static IReadOnlyList<PrinterColumn> All { get; } =
    [
        NameColumn,
        Text("Controller", Controller),
        new("Revision", "integer", 0, (o, _) => Int(o["revision"])),
        Age,
    ];

    /// <summary><c>formatResourceName</c> with the kind: <c>daemonset.apps/fluent-bit</c>.</summary>
    private static string Controller(JsonObject revision)
    {
        var owner = (revision["metadata"]?["ownerReferences"] as JsonArray ?? []).FirstOrDefault(o => o?["controller"]?.GetValue<bool>() == true);
        if (owner is null)
        {
            return "<none>";
        }

        var apiVersion = Str(owner["apiVersion"]);
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var kind = Str(owner["kind"]).ToLowerInvariant();
        return $"{(group.Length == 0 ? kind : $"{kind}.{group}")}/{Str(owner["name"])}";
    }
}
