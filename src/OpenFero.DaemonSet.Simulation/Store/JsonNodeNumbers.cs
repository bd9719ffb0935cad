using System.Globalization;
using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>Numbers in a <see cref="JsonNode"/> tree whatever they were built from (int, long, parsed text).</summary>
public static class JsonNodeNumbers
{
    public static long ToInt64(this JsonNode node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number)
            ? number
            : long.Parse(node.ToJsonString().Trim('"'), CultureInfo.InvariantCulture);
}
