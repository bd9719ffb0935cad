using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>A report as JSON (the typed report), as text for a terminal, and as its one-line verdict.</summary>
public static class ReportRendering
{
    /// <summary>Indented, with characters such as quotes, <c>&lt;&gt;</c>, <c>+</c> and non-ASCII letters written as they are, not as <c>\u0022</c>.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new HumanDurationJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(DaemonSetReport report) => JsonSerializer.Serialize(report, Json);

    public static string ToText(DaemonSetReport report) => ReportText.Render(report);
}
