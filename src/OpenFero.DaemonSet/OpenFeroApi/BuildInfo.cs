using System.Globalization;
using System.Reflection;

namespace OpenFero.DaemonSet.OpenFeroApi;

/// <summary><c>GET /api/about</c>'s answer, in OpenFero's shape: the version, the commit it was built from, when it was built.</summary>
public sealed record BuildInfo(string Version, string Commit, string BuildDate)
{
    public static BuildInfo Of(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var built = File.GetLastWriteTimeUtc(assembly.Location);
        return new BuildInfo(
            plus < 0 ? informational : informational[..plus],
            plus < 0 ? "unknown" : informational[(plus + 1)..],
            built.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
