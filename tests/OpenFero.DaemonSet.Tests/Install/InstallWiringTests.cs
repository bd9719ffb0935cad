using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Install;

/// <summary>The objects of deploy/ point at what rbac/ defines: the same pods, port, Service and Secret.</summary>
public sealed class InstallWiringTests
{
    private const string Server = "openfero-daemonset";

    [Fact]
    public async Task Prometheus_scrapes_the_service_with_the_token_the_server_checks()
    {
        var install = await RenderedInstall.RenderAsync(RepositoryRoot.Path);
        var service = install.Single("Service", Server);
        var endpoint = Assert.Single(install.Single("ServiceMonitor", Server)["spec"]!["endpoints"]!.AsArray())!;
        var tokenVolume = Assert.Single(PodSpec(install)["volumes"]!.AsArray(), v => v!["secret"] is not null)!;

        Assert.True(Selects(install.Single("ServiceMonitor", Server)["spec"]!["selector"]!, service["metadata"]!["labels"]!));
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == (string?)endpoint["port"]);
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        Assert.Equal("Bearer", (string?)endpoint["authorization"]!["type"]);
        Assert.Equal((string?)tokenVolume["secret"]!["secretName"], (string?)endpoint["authorization"]!["credentials"]!["name"]);
        Assert.Equal("token", (string?)endpoint["authorization"]!["credentials"]!["key"]);
    }

    [Fact]
    public async Task The_budget_the_network_policy_and_the_anti_affinity_select_the_server_pods_and_its_port()
    {
        var install = await RenderedInstall.RenderAsync(RepositoryRoot.Path);
        var podLabels = install.Single("Deployment", Server)["spec"]!["template"]!["metadata"]!["labels"]!;
        var policy = install.Single("NetworkPolicy", Server)["spec"]!;
        var ingress = Assert.Single(policy["ingress"]!.AsArray())!;
        var antiAffinity = Assert.Single(PodSpec(install)["affinity"]!["podAntiAffinity"]!["preferredDuringSchedulingIgnoredDuringExecution"]!.AsArray())!;

        Assert.True(Selects(install.Single("PodDisruptionBudget", Server)["spec"]!["selector"]!, podLabels));
        Assert.Equal("1", (string?)install.Single("PodDisruptionBudget", Server)["spec"]!["minAvailable"]);
        Assert.True(Selects(policy["podSelector"]!, podLabels));
        Assert.Equal(["8080"], ingress["ports"]!.AsArray().Select(p => (string)p!["port"]!));
        Assert.Equal("8080", (string?)Assert.Single(PodSpec(install)["containers"]!.AsArray())!["ports"]![0]!["containerPort"]);
        Assert.Equal("kubernetes.io/hostname", (string?)antiAffinity["podAffinityTerm"]!["topologyKey"]);
        Assert.True(Selects(antiAffinity["podAffinityTerm"]!["labelSelector"]!, podLabels));
    }

    private static JsonNode PodSpec(RenderedInstall install) => install.Single("Deployment", Server)["spec"]!["template"]!["spec"]!;

    /// <summary>A label selector's matchLabels all present on the labels (these selectors use no expressions).</summary>
    private static bool Selects(JsonNode selector, JsonNode labels) =>
        selector["matchLabels"]!.AsObject().All(l => (string?)labels[l.Key] == (string?)l.Value);
}
