using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenFero.DaemonSet.Tests.Infrastructure;

/// <summary>Posting webhook bodies as Alertmanager does.</summary>
internal static class Deliveries
{
    public static Task<HttpResponseMessage> PostFixtureAsync(this HttpClient client, string fixture, AuthenticationHeaderValue? auth = null) =>
        client.PostJsonAsync(File.ReadAllText(RepositoryRoot.Fixture(fixture)), auth);

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string body, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/alerts", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = auth;
        request.Headers.UserAgent.ParseAdd("Alertmanager/0.25.0");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The rollout-stuck fixture with another startsAt: a new instance of the same alert.</summary>
    public static string RolloutStuckStartingAt(string startsAt)
    {
        var body = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Fixture("kube-daemonset-rollout-stuck.firing.json")))!;
        body["alerts"]![0]!["startsAt"] = startsAt;
        return body.ToJsonString();
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
}
