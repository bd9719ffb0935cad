using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Simulation.Api.Strategies;

/// <summary>
/// The API server's defaulting of a pod spec's containers (<c>SetDefaults_Container</c>, <c>SetDefaults_Probe</c>,
/// <c>SetDefaults_ContainerPort</c>): what <c>kubectl describe</c> then prints, such as
/// <c>timeout=1s period=10s #success=1 #failure=3</c> and <c>9100/TCP</c>.
/// </summary>
public static class PodSpecDefaults
{
    private static readonly string[] Probes = ["livenessProbe", "readinessProbe", "startupProbe"];

    public static void Apply(JsonNode? podSpec)
    {
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var container in (podSpec?[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                Container(container);
            }
        }
    }

    private static void Container(JsonObject container)
    {
        container["terminationMessagePath"] ??= "/dev/termination-log";
        container["terminationMessagePolicy"] ??= "File";
        container["imagePullPolicy"] ??= ImagePullPolicy(container["image"]?.GetValue<string>() ?? "");
        foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
        }

        foreach (var probe in Probes.Select(p => container[p]).OfType<JsonObject>())
        {
            probe["timeoutSeconds"] ??= 1;
            probe["periodSeconds"] ??= 10;
            probe["successThreshold"] ??= 1;
            probe["failureThreshold"] ??= 3;
            if (probe["httpGet"] is JsonObject httpGet)
            {
                httpGet["scheme"] ??= "HTTP";
            }
        }
    }

    /// <summary>Always for an untagged or <c>:latest</c> image, else IfNotPresent (a digest counts as a tag).</summary>
    private static string ImagePullPolicy(string image)
    {
        var lastSlash = image.LastIndexOf('/');
        var name = image[(lastSlash + 1)..];
        var tagged = name.Contains('@', StringComparison.Ordinal) || (name.Contains(':', StringComparison.Ordinal) && !name.EndsWith(":latest", StringComparison.Ordinal));
        return tagged ? "IfNotPresent" : "Always";
    }
}
