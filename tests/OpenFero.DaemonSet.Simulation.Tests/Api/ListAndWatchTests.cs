using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Store;
using WatchEventType = k8s.WatchEventType;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

public sealed class ListAndWatchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("tier=web", "a,b")]
    [InlineData("tier==web,env!=prod", "a")]
    [InlineData("tier in (web,db)", "a,b,c")]
    [InlineData("tier notin (web)", "c,d")]
    [InlineData("env", "a,b")]
    [InlineData("!env", "c,d")]
    public async Task Label_selectors_select_like_the_real_api(string selector, string expected)
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        await CreatePodAsync(fixture, "a", new() { ["tier"] = "web", ["env"] = "dev" });
        await CreatePodAsync(fixture, "b", new() { ["tier"] = "web", ["env"] = "prod" });
        await CreatePodAsync(fixture, "c", new() { ["tier"] = "db" });
        await CreatePodAsync(fixture, "d", []);

        var pods = await fixture.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: selector, cancellationToken: Cancel);

        Assert.Equal(expected, string.Join(",", pods.Items.Select(p => p.Metadata.Name)));
    }

    [Fact]
    public async Task Field_selectors_filter_by_node_and_phase()
    {
        await using var fixture = await ClusterFixture.StartAsync("insufficient-resources");
        await Eventually.HoldsAsync(async () => (await fixture.Client.CoreV1.ListNamespacedPodAsync("monitoring", fieldSelector: "status.phase=Pending", cancellationToken: Cancel)).Items.Count == 1,
            "exactly one Pending pod in monitoring");

        var onNode1 = await fixture.Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=node-1", cancellationToken: Cancel);
        var notRunning = await fixture.Client.CoreV1.ListNamespacedPodAsync("monitoring", fieldSelector: "status.phase!=Running", cancellationToken: Cancel);

        Assert.All(onNode1.Items, p => Assert.Equal("node-1", p.Spec.NodeName));
        Assert.Single(notRunning.Items);
    }

    [Fact]
    public async Task Paged_list_returns_every_object_once_across_pages()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        for (var i = 0; i < 1200; i++)
        {
            fixture.Cluster.Store.Create(ResourceTypes.Pods, ClusterJson.From(new V1Pod { Metadata = new V1ObjectMeta { Name = $"p-{i:D4}", NamespaceProperty = "default" } }));
        }

        var names = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await fixture.Client.CoreV1.ListNamespacedPodAsync("default", limit: 500, continueParameter: next, cancellationToken: Cancel);
            names.AddRange(page.Items.Select(p => p.Metadata.Name));
            next = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(next));

        Assert.Equal(3, pages);
        Assert.Equal(1200, names.Distinct().Count());
    }

    [Fact]
    public async Task Watch_from_a_list_version_sees_later_changes_only()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        await CreatePodAsync(fixture, "before", []);
        var list = await fixture.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        stop.CancelAfter(TimeSpan.FromSeconds(20));
        var events = fixture.Client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: stop.Token);
        await CreatePodAsync(fixture, "after", []);
        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("after", "default", cancellationToken: Cancel);

        var seen = new List<(WatchEventType, string)>();
        await foreach (var (type, pod) in events)
        {
            seen.Add((type, pod.Metadata.Name));
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([(WatchEventType.Added, "after"), (WatchEventType.Deleted, "after")], seen);
    }

    [Fact]
    public void Watch_from_a_version_older_than_the_history_is_410_Expired()
    {
        var store = new ClusterStore(TimeProvider.System, historyCapacity: 2);
        store.Create(ResourceTypes.Namespaces, ClusterJson.From(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } }));
        store.Create(ResourceTypes.Pods, ClusterJson.From(new V1Pod { Metadata = new V1ObjectMeta { Name = "x" } }));
        store.Create(ResourceTypes.Pods, ClusterJson.From(new V1Pod { Metadata = new V1ObjectMeta { Name = "y" } }));
        store.Create(ResourceTypes.Pods, ClusterJson.From(new V1Pod { Metadata = new V1ObjectMeta { Name = "z" } }));

        var error = Assert.Throws<ApiException>(() => store.Watch(ResourceTypes.Pods, "default", 1));
        Assert.Equal((410, "Expired"), (error.Code, error.Reason));
        Assert.StartsWith("too old resource version: 1", error.Message, StringComparison.Ordinal);
    }

    private static Task<V1Pod> CreatePodAsync(ClusterFixture fixture, string name, Dictionary<string, string> labels) =>
        fixture.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }, "default", cancellationToken: Cancel);
}
