using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenFero.DaemonSet.Simulation.Store;
using static OpenFero.DaemonSet.Simulation.Api.Tables.PrinterColumn;

namespace OpenFero.DaemonSet.Simulation.Api.Tables;

/// <summary>
/// The <c>meta.k8s.io/v1 Table</c> that <c>kubectl get</c> asks for (<c>Accept: application/json;as=Table;…</c>):
/// the kind's printer columns, one row per object, each carrying the object's metadata.
/// </summary>
public static class TableResponse
{
    public static bool IsWanted(HttpRequest request) =>
        request.Headers.Accept.Any(accept => accept?.Contains("as=Table", StringComparison.Ordinal) == true);

    public static IReadOnlyList<PrinterColumn> ColumnsFor(ResourceType type, ClusterStore store) =>
        BuiltInColumns.For(type) ?? CustomColumns(type, store) ?? [NameColumn, Age];

    public static JsonObject Build(IReadOnlyList<PrinterColumn> columns, IEnumerable<JsonObject> objects, DateTimeOffset now,
        string includeObject, JsonObject listMetadata, bool withColumnDefinitions = true)
    {
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = new JsonArray([.. columns.Select(c => c.Cell(obj, now))]) };
            row["object"] = includeObject switch
            {
                "None" => null,
                "Object" => obj.DeepClone(),
                _ => new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                },
            };
            rows.Add(row);
        }

        var table = new JsonObject { ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = listMetadata };
        if (withColumnDefinitions)
        {
            table["columnDefinitions"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            })]);
        }

        table["rows"] = rows;
        return table;
    }

    /// <summary>A custom resource's columns: its CRD's additionalPrinterColumns, or Name and Age.</summary>
    private static PrinterColumn[]? CustomColumns(ResourceType type, ClusterStore store)
    {
        var crd = store.List(ResourceTypes.CustomResourceDefinitions)
            .FirstOrDefault(c => Str(c.Json["spec"]?["group"]) == type.Group && Str(c.Json["spec"]?["names"]?["plural"]) == type.Plural);
        var version = (crd?.Json["spec"]?["versions"] as JsonArray ?? []).FirstOrDefault(v => Str(v?["name"]) == type.Version);
        if (version?["additionalPrinterColumns"] is not JsonArray { Count: > 0 } printerColumns)
        {
            return null;
        }

        var columns = new List<PrinterColumn> { NameColumn };
        foreach (var column in printerColumns)
        {
            var path = Str(column?["jsonPath"]).TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
            var columnType = Str(column?["type"]);
            var priority = (int)Int(column?["priority"]);
            columns.Add(new PrinterColumn(Str(column?["name"]), columnType == "date" ? "string" : columnType, priority, (o, now) =>
            {
                JsonNode? value = o;
                foreach (var step in path)
                {
                    value = value is JsonObject node ? node[step] : null;
                }

                return columnType == "date" && value is not null ? AgeOf(value, now) : value?.DeepClone();
            }));
        }

        return [.. columns];
    }
}
