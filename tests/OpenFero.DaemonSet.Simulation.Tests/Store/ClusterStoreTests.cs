using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Tests.Store;

public sealed class ClusterStoreTests
{
    private readonly ClusterStore store = new(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    public ClusterStoreTests() => store.Create(ResourceTypes.Namespaces, Obj("""{"metadata":{"name":"kube-system"}}"""));

    [Fact]
    public void Update_with_a_stale_resourceVersion_is_a_409_conflict()
    {
        var created = store.Create(ResourceTypes.Pods, Obj("""{"metadata":{"name":"p","namespace":"kube-system"},"spec":{}}"""));
        var stale = created.CloneJson();
        store.Update(ResourceTypes.Pods, created.CloneJson());

        var error = Assert.Throws<ApiException>(() => store.Update(ResourceTypes.Pods, stale));

        Assert.Equal(409, error.Code);
        Assert.Equal("Conflict", error.Reason);
    }

    [Fact]
    public void Create_in_a_missing_namespace_is_404_for_the_namespace()
    {
        var error = Assert.Throws<ApiException>(() => store.Create(ResourceTypes.Pods, Obj("""{"metadata":{"name":"p","namespace":"nope"}}""")));

        Assert.Equal(404, error.Code);
        Assert.Equal("namespaces \"nope\" not found", error.Message);
    }

    [Fact]
    public void Spec_change_bumps_generation_and_status_change_does_not()
    {
        var created = store.Create(ResourceTypes.DaemonSets, Obj("""{"metadata":{"name":"ds","namespace":"kube-system"},"spec":{"a":1}}"""));
        var changed = created.CloneJson();
        changed["spec"] = Obj("""{"a":2}""");
        var updated = store.Update(ResourceTypes.DaemonSets, changed);
        var withStatus = updated.CloneJson();
        withStatus["status"] = Obj("""{"observedGeneration":2}""");
        var final = store.Update(ResourceTypes.DaemonSets, withStatus, statusOnly: true);

        Assert.Equal(2, final.Json["metadata"]!["generation"]!.ToInt64());
        Assert.Equal(2, final.Json["status"]!["observedGeneration"]!.ToInt64());
    }

    [Fact]
    public async Task Watch_replays_changes_after_the_given_resourceVersion()
    {
        var before = store.CurrentResourceVersion;
        store.Create(ResourceTypes.Pods, Obj("""{"metadata":{"name":"a","namespace":"kube-system"}}"""));
        store.Create(ResourceTypes.Pods, Obj("""{"metadata":{"name":"b","namespace":"kube-system"}}"""));
        using var watch = store.Watch(ResourceTypes.Pods, "kube-system", before);

        var first = await watch.Events.ReadAsync(TestContext.Current.CancellationToken);
        var second = await watch.Events.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b"], new[] { first, second }.Select(e => e.Object["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void With_the_same_seed_the_same_creates_get_the_same_generated_names_and_uids()
    {
        static IReadOnlyList<(string Name, string Uid)> Run(int? seed)
        {
            var seeded = new ClusterStore(new FakeTimeProvider(), nameSeed: seed);
            seeded.Create(ResourceTypes.Namespaces, Obj("""{"metadata":{"name":"kube-system"}}"""));
            return [.. Enumerable.Range(0, 5).Select(_ => seeded.Create(ResourceTypes.Pods, Obj("""{"metadata":{"generateName":"calico-node-","namespace":"kube-system"},"spec":{}}""")))
                .Select(p => (p.Name, p.Uid))];
        }

        var first = Run(7);

        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
        Assert.All(first, p => Assert.Matches("^calico-node-[a-z0-9]{5}$", p.Name));
        Assert.Equal(5, first.Select(p => p.Uid).Distinct().Count());
    }

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
