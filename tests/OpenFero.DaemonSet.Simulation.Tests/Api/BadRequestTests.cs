using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

/// <summary>Requests a client gets wrong are answered with a 4xx <c>Status</c> naming the problem, never a 500.</summary>
public sealed class BadRequestTests
{
    private const string Pods = "/api/v1/namespaces/default/pods";
    private const string Pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i"}]}}""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/api/v1/widgets", null, null, 404, "NotFound")]
    [InlineData("GET", "/apis/nope.example.com/v1/things", null, null, 404, "NotFound")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/missing", null, null, 404, "NotFound")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/p/logs", null, null, 404, "NotFound")]
    [InlineData("GET", Pods + "?labelSelector=tier%20in%20(", null, null, 400, "BadRequest")]
    [InlineData("GET", Pods + "?fieldSelector=spec.schedulerName%3Dx", null, null, 400, "BadRequest")]
    [InlineData("GET", Pods + "?limit=1&continue=%25%25not-base64", null, null, 400, "BadRequest")]
    [InlineData("POST", Pods, "application/json", "{not json", 400, "BadRequest")]
    [InlineData("POST", Pods, "application/json", "[1,2]", 400, "BadRequest")]
    [InlineData("POST", Pods, "application/json", """{"apiVersion":"apps/v1","kind":"Pod","metadata":{"name":"x"}}""", 400, "BadRequest")]
    [InlineData("POST", Pods, "application/json", """{"metadata":{"name":5}}""", 400, "BadRequest")]
    [InlineData("POST", Pods, "application/json", """{"metadata":{}}""", 422, "Invalid")]
    [InlineData("POST", "/api/v1/namespaces/nope/pods", "application/json", Pod, 404, "NotFound")]
    [InlineData("PUT", Pods + "/p", "application/json", """{"metadata":{"name":"other"}}""", 400, "BadRequest")]
    [InlineData("PUT", Pods + "/p", "application/json", """{"metadata":{"name":"p","resourceVersion":"1"}}""", 409, "Conflict")]
    [InlineData("PATCH", Pods + "/p", "text/plain", "{}", 415, "UnsupportedMediaType")]
    [InlineData("PATCH", Pods + "/p", "application/merge-patch+json", "[]", 400, "BadRequest")]
    [InlineData("PATCH", Pods + "/p", "application/json-patch+json", "{}", 400, "BadRequest")]
    [InlineData("PATCH", Pods + "/p", "application/json-patch+json", """[{"op":"test","path":"/metadata/name","value":"q"}]""", 422, "Invalid")]
    [InlineData("PATCH", Pods + "/p", "application/json-patch+json", """[{"op":"remove","path":"/spec/nothing/here"}]""", 422, "Invalid")]
    [InlineData("PATCH", Pods + "/p", "application/json-patch+json", """[{"op":"jump","path":"/spec"}]""", 400, "BadRequest")]
    [InlineData("PATCH", Pods + "/p", "application/merge-patch+json", """{"metadata":{"resourceVersion":"1"},"spec":{}}""", 409, "Conflict")]
    [InlineData("DELETE", Pods + "/p", "application/json", "{\"gracePeriodSeconds\":", 400, "BadRequest")]
    [InlineData("DELETE", Pods + "/p", "application/json", """{"preconditions":{"uid":"not-the-uid"}}""", 409, "Conflict")]
    [InlineData("DELETE", Pods + "/p/status", null, null, 405, "MethodNotAllowed")]
    [InlineData("POST", Pods + "/p", "application/json", Pod, 405, "MethodNotAllowed")]
    [InlineData("PUT", Pods, "application/json", Pod, 405, "MethodNotAllowed")]
    public async Task Bad_request_gets_a_4xx_status_with_the_real_reason(string method, string path, string? contentType, string? body, int code, string reason)
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        using var seed = await http.PostAsync(Pods, new StringContent(Pod, Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.Created, seed.StatusCode);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType!);
        }

        using var response = await http.SendAsync(request, Cancel);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal(code, (int)response.StatusCode);
        Assert.Equal("Status", status["kind"]?.GetValue<string>());
        Assert.Equal("Failure", status["status"]?.GetValue<string>());
        Assert.Equal(reason, status["reason"]?.GetValue<string>());
        Assert.Equal(code, status["code"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(status["message"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Not_found_names_the_object_and_its_group_like_the_real_api()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };

        using var podResponse = await http.GetAsync("/api/v1/namespaces/default/pods/missing", Cancel);
        var pod = JsonNode.Parse(await podResponse.Content.ReadAsStringAsync(Cancel))!;
        using var dsResponse = await http.GetAsync("/apis/apps/v1/namespaces/default/daemonsets/missing", Cancel);
        var ds = JsonNode.Parse(await dsResponse.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal("pods \"missing\" not found", pod["message"]?.GetValue<string>());
        Assert.Equal("""{"name":"missing","kind":"pods"}""", pod["details"]!.ToJsonString());
        Assert.Equal("daemonsets.apps \"missing\" not found", ds["message"]?.GetValue<string>());
        Assert.Equal("""{"name":"missing","group":"apps","kind":"daemonsets"}""", ds["details"]!.ToJsonString());
    }
}
