using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Peers;

namespace OpenFero.DaemonSet.Tests.Install;

/// <summary>What <c>kubectl apply -k</c> would apply: the objects <c>kubectl kustomize</c> renders from a folder.</summary>
internal sealed record RenderedInstall(IReadOnlyList<JsonObject> Objects)
{
    public static async Task<RenderedInstall> RenderAsync(string folder)
    {
        var kubectl = PeerBinary.Require("kubernetes-client", "kubectl");
        var yaml = (await ToolRun.RunAsync(kubectl, "kustomize", folder)).SucceededOutput();
        return new RenderedInstall(YamlDocuments.Parse(yaml));
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind, string name) =>
        Assert.Single(OfKind(kind), o => (string?)o["metadata"]!["name"] == name);

    /// <summary>Every container image, named by the object and container it is in.</summary>
    public IEnumerable<(string Where, string Image)> Images() =>
        from o in Objects
        from pod in PodSpecs(o)
        from list in new[] { pod["containers"], pod["initContainers"] }
        from container in list?.AsArray() ?? []
        select ($"{o["kind"]}/{o["metadata"]!["name"]} {container!["name"]}", (string)container["image"]!);

    /// <summary>Every pod spec of the install, named by the object it is in.</summary>
    public IEnumerable<(string Where, JsonObject PodSpec)> PodSpecs() =>
        from o in Objects
        from pod in PodSpecs(o)
        select ($"{o["kind"]}/{o["metadata"]!["name"]}", pod);

    /// <summary>The pod specs of the Deployment and of every Operarius' Job: the two places this install runs containers.</summary>
    private static IEnumerable<JsonObject> PodSpecs(JsonObject o) => (string?)o["kind"] switch
    {
        "Deployment" => [o["spec"]!["template"]!["spec"]!.AsObject()],
        "Operarius" => [o["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!.AsObject()],
        _ => [],
    };
}
