using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>A rollout as JSON: indented for <c>GET</c>, on one line for an event of the stream; durations as kubectl prints them.</summary>
public static class RolloutRendering
{
    public static readonly JsonSerializerOptions Json = Options(indented: true);

    public static readonly JsonSerializerOptions JsonLine = Options(indented: false);

    private static JsonSerializerOptions Options(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new HumanDurationJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
