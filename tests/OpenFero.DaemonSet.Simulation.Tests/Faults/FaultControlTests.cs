using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Simulation.Tests.Api;

namespace OpenFero.DaemonSet.Simulation.Tests.Faults;

public sealed class FaultControlTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Faults_set_over_http_hit_the_matching_requests_and_clearing_them_restores_service()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };

        using var set = await http.PostAsync("/simulation/faults", Json("""{"fault":"409","verb":"create","resource":"pods","count":2}"""), Cancel);
        using var rate = await http.PostAsync("/simulation/faults", Json("""{"fault":"503","verb":"list","resource":"nodes","rate":1}"""), Cancel);
        var creates = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var created = await http.PostAsync("/api/v1/namespaces/default/pods", Json($$$"""{"metadata":{"name":"p{{{i}}}"}}"""), Cancel);
            creates.Add(created.StatusCode);
        }

        using var failedList = await http.GetAsync("/api/v1/nodes", Cancel);
        using var cleared = await http.DeleteAsync("/simulation/faults", Cancel);
        using var list = await http.GetAsync("/api/v1/nodes", Cancel);
        var counts = JsonNode.Parse(await http.GetStringAsync("/simulation/requests", Cancel))!;

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, rate.StatusCode);
        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Created], creates);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failedList.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(3, counts["byVerbAndResource"]!["create pods"]!.GetValue<long>());
        Assert.Equal(2, counts["byVerbAndResource"]!["list nodes"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"fault":"418"}""")]
    [InlineData("""{"fault":"503","count":"three"}""")]
    [InlineData("""{"fault":"503","rate":2}""")]
    public async Task A_fault_the_server_cannot_read_is_400(string body)
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };

        using var response = await http.PostAsync("/simulation/faults", Json(body), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Watches_are_spared_by_catch_all_faults_and_hit_when_named()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        fixture.Cluster.Faults.InjectRate(1, new Fault.ServerError());

        using var spared = await http.GetAsync("/api/v1/namespaces?watch=true&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead, Cancel);
        fixture.Cluster.Faults.Clear();
        fixture.Cluster.Faults.Script(new FaultMatch("watch", "namespaces"), 1, new Fault.ServerError());
        using var hit = await http.GetAsync("/api/v1/namespaces?watch=true", HttpCompletionOption.ResponseHeadersRead, Cancel);

        Assert.Equal(HttpStatusCode.OK, spared.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, hit.StatusCode);
    }

    [Fact]
    public async Task The_same_seed_fails_the_same_requests()
    {
        var first = await FailurePatternAsync(seed: 7);
        var second = await FailurePatternAsync(seed: 7);

        Assert.Equal(first, second);
        Assert.Contains('x', first);
        Assert.Contains('.', first);
    }

    private static async Task<string> FailurePatternAsync(int seed)
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        fixture.Cluster.Faults.Seed(seed);
        fixture.Cluster.Faults.InjectRate(0.5, new Fault.TooManyRequests(1), new FaultMatch("get", "namespaces"));
        var pattern = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            using var response = await http.GetAsync("/api/v1/namespaces/default", Cancel);
            pattern.Append(response.StatusCode == HttpStatusCode.TooManyRequests ? 'x' : '.');
        }

        return pattern.ToString();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
