using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

public sealed class CustomResourceTests
{
    private const string Operariuses = "/apis/openfero.io/v1alpha1/namespaces/openfero/operariuses";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_crd_put_straight_into_the_store_is_served_and_discovered()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        fixture.Cluster.Store.Create(ResourceTypes.CustomResourceDefinitions, await OperariusCrdAsync());

        var groups = JsonNode.Parse(await http.GetStringAsync("/apis", Cancel))!;
        var resources = JsonNode.Parse(await http.GetStringAsync("/apis/openfero.io/v1alpha1", Cancel))!["resources"]!.AsArray();
        using var created = await http.PostAsync(Operariuses, Json(Operarius("fix")), Cancel);

        Assert.Contains(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "openfero.io");
        var operarius = Assert.Single(resources, r => r!["name"]!.GetValue<string>() == "operariuses")!;
        Assert.Equal(["op"], operarius["shortNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(operarius["namespaced"]!.GetValue<bool>());
        Assert.Contains(resources, r => r!["name"]!.GetValue<string>() == "operariuses/status");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task A_created_crd_is_established_and_deleting_it_stops_serving_its_kind_and_its_objects()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        var crd = await fixture.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
            k8s.KubernetesJson.Deserialize<V1CustomResourceDefinition>((await OperariusCrdAsync()).ToJsonString()), cancellationToken: Cancel);
        using var created = await http.PostAsync(Operariuses, Json(Operarius("fix")), Cancel);

        await fixture.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(crd.Metadata.Name, cancellationToken: Cancel);
        using var afterDelete = await http.GetAsync(Operariuses + "/fix", Cancel);
        using var discovery = await http.GetAsync("/apis/openfero.io/v1alpha1", Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        Assert.Equal("op", Assert.Single(crd.Status.AcceptedNames.ShortNames));
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, discovery.StatusCode);
        Assert.Empty(fixture.Cluster.Store.List(fixture.Cluster.Registry.TypesOf(await OperariusCrdAsync()).Single()));
    }

    [Fact]
    public async Task A_crd_whose_name_is_not_plural_dot_group_is_422_Invalid()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        var crd = await OperariusCrdAsync();
        crd["metadata"]!["name"] = "operarii.openfero.io";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => fixture.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
            k8s.KubernetesJson.Deserialize<V1CustomResourceDefinition>(crd.ToJsonString()), cancellationToken: Cancel));

        Assert.Equal((HttpStatusCode)422, error.Response.StatusCode);
        Assert.Contains("must be spec.names.plural+\\\".\\\"+spec.group", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operarius_status_subresource_changes_only_status_and_the_main_resource_keeps_it()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        fixture.Cluster.Store.Create(ResourceTypes.CustomResourceDefinitions, await OperariusCrdAsync());
        using var created = await http.PostAsync(Operariuses, Json(Operarius("fix")), Cancel);

        using var statusPatch = await http.PatchAsync(Operariuses + "/fix/status",
            Json("""{"spec":{"priority":99},"status":{"executionCount":3}}""", "application/merge-patch+json"), Cancel);
        using var specPatch = await http.PatchAsync(Operariuses + "/fix",
            Json("""{"spec":{"priority":7},"status":{"executionCount":0}}""", "application/merge-patch+json"), Cancel);
        var stored = JsonNode.Parse(await http.GetStringAsync(Operariuses + "/fix", Cancel))!;

        Assert.Equal(HttpStatusCode.OK, statusPatch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, specPatch.StatusCode);
        Assert.Equal(7, stored["spec"]!["priority"]!.GetValue<int>());
        Assert.Equal(3, stored["status"]!["executionCount"]!.GetValue<int>());
    }

    private static async Task<JsonObject> OperariusCrdAsync() =>
        (JsonObject)JsonNode.Parse(k8s.KubernetesJson.Serialize(k8s.KubernetesYaml.Deserialize<V1CustomResourceDefinition>(
            await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "operarius", "operarius-crd.yaml"), Cancel))))!;

    private static string Operarius(string name) =>
        $$$"""{"apiVersion":"openfero.io/v1alpha1","kind":"Operarius","metadata":{"name":"{{{name}}}"},"spec":{"alertSelector":{"alertname":"A","status":"firing"},"priority":1}}""";

    private static StringContent Json(string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }
}
