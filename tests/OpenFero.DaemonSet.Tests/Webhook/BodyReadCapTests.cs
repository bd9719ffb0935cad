using System.Net;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class BodyReadCapTests
{
    [Fact]
    public async Task Deliveries_beyond_the_cap_of_bodies_being_read_get_503_with_retry_after_until_a_slot_frees()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await using var server = await ServerWithServices.StartAsync(host, ["--Webhook:MaxConcurrentBodyReads", "2"]);

        // The alert's Job first: every later delivery is answered from the Job cache at once, so the probes below fit
        // in the seconds before Kestrel drops the slow bodies for sending too little (its minimum body data rate).
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).StatusCode);
        var held = new[]
        {
            await RawConnection.SendPartialAsync(server.Address, 1024 * 1024, "{\"version\":\"4\","),
            await RawConnection.SendPartialAsync(server.Address, 1024 * 1024, "{\"version\":\"4\","),
        };

        HttpResponseMessage? refused = null;
        await Eventually.HoldsAsync(async () =>
        {
            var answer = await server.Client.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
            refused = answer.StatusCode == HttpStatusCode.ServiceUnavailable ? answer : null;
            return refused is not null;
        }, "a 503 while two slow bodies hold both body-read slots");
        foreach (var connection in held)
        {
            connection.Dispose();
        }

        Assert.NotNull(refused!.Headers.RetryAfter?.Delta);
        await Eventually.HoldsAsync(
            async () => (await server.Client.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json")).StatusCode == HttpStatusCode.Accepted,
            "a 202 once the slow clients hung up and freed their slots");
    }
}
