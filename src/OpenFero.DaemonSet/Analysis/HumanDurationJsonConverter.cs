using System.Text.Json;
using System.Text.Json.Serialization;
using OpenFero.DaemonSet.Semantics;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// Ages in a report as kubectl prints them ("3m10s"), not as .NET's "00:03:10.4457538": the report is read by
/// people. It is written, never read back.
/// </summary>
public sealed class HumanDurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("a report's durations are written for people and not read back");

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(HumanDuration.Format(value));
}
