using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

/// <summary>The watch stream as it is on the wire: newline-delimited events, flushed one by one.</summary>
public sealed class WatchWireTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watch_without_a_version_starts_with_the_current_objects_as_added_then_follows_changes()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        await CreatePodAsync(fixture, "existing", "web");
        await CreatePodAsync(fixture, "other", "db");
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        using var response = await http.GetAsync("/api/v1/namespaces/default/pods?watch=1&labelSelector=tier%3Dweb", HttpCompletionOption.ResponseHeadersRead, Cancel);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));

        var first = await NextEventAsync(lines);
        await CreatePodAsync(fixture, "later", "web");
        await CreatePodAsync(fixture, "ignored", "db");
        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("later", "default", cancellationToken: Cancel);
        var second = await NextEventAsync(lines);
        var third = await NextEventAsync(lines);

        Assert.Equal(("ADDED", "existing"), first);
        Assert.Equal(("ADDED", "later"), second);
        Assert.Equal(("DELETED", "later"), third);
    }

    [Fact]
    public async Task Watch_from_a_version_older_than_the_history_is_an_error_event_with_410_Expired()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { RunControllers = false, HistoryCapacity = 2 }, Cancel);
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var first = await client.CoreV1.CreateNamespacedPodAsync(Pod("a", "x"), "default", cancellationToken: Cancel);
        for (var i = 0; i < 3; i++)
        {
            await client.CoreV1.CreateNamespacedPodAsync(Pod($"b{i}", "x"), "default", cancellationToken: Cancel);
        }

        using var http = new HttpClient { BaseAddress = cluster.BaseAddress };
        var body = await http.GetStringAsync($"/api/v1/namespaces/default/pods?watch=true&resourceVersion={first.Metadata.ResourceVersion}", Cancel);
        var error = JsonNode.Parse(body)!;

        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_ends_when_its_timeoutSeconds_pass_on_the_simulation_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { RunControllers = false, Time = clock }, Cancel);
        using var http = new HttpClient { BaseAddress = cluster.BaseAddress };
        using var response = await http.GetAsync("/api/v1/namespaces?watch=true&timeoutSeconds=60", HttpCompletionOption.ResponseHeadersRead, Cancel);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));
        for (var i = 0; i < 3; i++)
        {
            await NextEventAsync(lines);
        }

        clock.Advance(TimeSpan.FromSeconds(61));
        var end = await lines.ReadLineAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(end);
    }

    private static async Task<(string Type, string Name)> NextEventAsync(StreamReader lines)
    {
        var line = await lines.ReadLineAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Cancel)
            ?? throw new InvalidOperationException("the watch ended");
        var change = JsonNode.Parse(line)!;
        return (change["type"]!.GetValue<string>(), change["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    private static Task<V1Pod> CreatePodAsync(ClusterFixture fixture, string name, string tier) =>
        fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod(name, tier), "default", cancellationToken: Cancel);

    private static V1Pod Pod(string name, string tier) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["tier"] = tier } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] },
    };
}
