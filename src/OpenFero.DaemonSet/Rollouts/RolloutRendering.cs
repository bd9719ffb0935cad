using System.Text.Json;
using OpenFero.DaemonSet.Analysis;

namespace OpenFero.DaemonSet.Rollouts;

/// <summary>A rollout as JSON: indented for <c>GET</c>, on one line for an event of the stream; durations as kubectl prints them.</summary>
public static class RolloutRendering
{
    /// <summary>The report's options (<see cref="ReportRendering.Json"/>): the same escaping, enums and durations.</summary>
    public static readonly JsonSerializerOptions Json = ReportRendering.Json;

    public static readonly JsonSerializerOptions JsonLine = new(ReportRendering.Json) { WriteIndented = false };
}
