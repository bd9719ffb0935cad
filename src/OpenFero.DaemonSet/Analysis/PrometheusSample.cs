using System.Globalization;
using System.Text.Json;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>One element of an instant vector: its labels and its value.</summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.GetValueOrDefault(name) ?? "";

    /// <summary>
    /// The vector of a successful <c>/api/v1/query</c> answer; samples that are not finite numbers (NaN from 0/0,
    /// ±Inf) are left out. Throws <see cref="FormatException"/> for anything else, with Prometheus' own error when it gave one.
    /// </summary>
    public static IReadOnlyList<PrometheusSample> ParseVector(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                throw new FormatException($"{Text(root, "errorType")}: {Text(root, "error")}");
            }

            var data = root.GetProperty("data");
            if (data.GetProperty("resultType").GetString() != "vector")
            {
                throw new FormatException($"a {data.GetProperty("resultType").GetString()} where a vector was expected");
            }

            return [.. data.GetProperty("result").EnumerateArray()
                .Select(r => (Labels: r.GetProperty("metric").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString() ?? "", StringComparer.Ordinal),
                    Value: double.TryParse(r.GetProperty("value")[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN))
                .Where(s => double.IsFinite(s.Value))
                .Select(s => new PrometheusSample(s.Labels, s.Value))];
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new FormatException("not a query result", error);
        }
    }

    private static string Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
}
