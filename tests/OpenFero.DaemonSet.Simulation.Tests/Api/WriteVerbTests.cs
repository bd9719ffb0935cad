using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

public sealed class WriteVerbTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dry_run_answers_every_write_without_storing_it()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("kept"), "default", cancellationToken: Cancel);
        var before = fixture.Cluster.Store.CurrentResourceVersion;

        var create = await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("ghost"), "default", dryRun: "All", cancellationToken: Cancel);
        var patch = await fixture.Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "kept", "default", dryRun: "All", cancellationToken: Cancel);
        using var delete = await http.DeleteAsync("/api/v1/namespaces/default/pods/kept?dryRun=All", Cancel);
        var stored = await fixture.Client.CoreV1.ReadNamespacedPodAsync("kept", "default", cancellationToken: Cancel);

        Assert.Equal("ghost", create.Metadata.Name);
        Assert.Equal("y", patch.Metadata.Labels["x"]);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Null(stored.Metadata.Labels);
        Assert.Null(fixture.Cluster.Store.Get(OpenFero.DaemonSet.Simulation.Store.ResourceTypes.Pods, "default", "ghost"));
        Assert.Equal(before, fixture.Cluster.Store.CurrentResourceVersion);
    }

    [Fact]
    public async Task Delete_collection_deletes_only_what_the_selector_picks_and_lists_it()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("web-1", "web"), "default", cancellationToken: Cancel);
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("web-2", "web"), "default", cancellationToken: Cancel);
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("db-1", "db"), "default", cancellationToken: Cancel);

        using var response = await http.DeleteAsync("/api/v1/namespaces/default/pods?labelSelector=tier%3Dweb", Cancel);
        var deleted = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
        var left = await fixture.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Cancel);

        Assert.Equal("PodList", deleted["kind"]!.GetValue<string>());
        Assert.Equal(["web-1", "web-2"], deleted["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("db-1", Assert.Single(left.Items).Metadata.Name);
        Assert.Equal(1, fixture.Cluster.Requests.Count("deletecollection", "pods"));
    }

    [Fact]
    public async Task Status_update_changes_only_status_and_spec_update_keeps_status()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        var pod = await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), "default", cancellationToken: Cancel);
        pod.Status = new V1PodStatus { Phase = "Running" };
        pod.Spec.NodeName = "ignored-by-status";

        var afterStatus = await fixture.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "p", "default", cancellationToken: Cancel);
        afterStatus.Status = new V1PodStatus { Phase = "Failed" };
        afterStatus.Metadata.Labels = new Dictionary<string, string> { ["a"] = "b" };
        var afterSpec = await fixture.Client.CoreV1.ReplaceNamespacedPodAsync(afterStatus, "p", "default", cancellationToken: Cancel);

        Assert.Null(afterStatus.Spec.NodeName);
        Assert.Equal("Running", afterSpec.Status.Phase);
        Assert.Equal("b", afterSpec.Metadata.Labels["a"]);
    }

    [Fact]
    public async Task Field_selector_on_metadata_name_finds_an_object_in_any_namespace()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("agent"), "kube-system", cancellationToken: Cancel);

        var all = await fixture.Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "metadata.name=agent", cancellationToken: Cancel);
        var inDefault = await fixture.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "metadata.name=agent", cancellationToken: Cancel);

        Assert.Equal("kube-system", Assert.Single(all.Items).Metadata.NamespaceProperty);
        Assert.Empty(inDefault.Items);
    }

    [Fact]
    public async Task Strategic_merge_merges_containers_by_name_and_honours_patch_directives()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        var pod = Pod("p");
        pod.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "old", Env = [new V1EnvVar { Name = "A", Value = "1" }, new V1EnvVar { Name = "B", Value = "2" }] });
        pod.Metadata.Labels = new Dictionary<string, string> { ["keep"] = "no", ["drop"] = "yes" };
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Cancel);

        var patched = await fixture.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""
            {"metadata":{"labels":{"$patch":"replace","fresh":"yes"}},
             "spec":{"containers":[{"name":"sidecar","image":"new","env":[{"name":"B","value":"3"},{"name":"A","$patch":"delete"}]}]}}
            """, V1Patch.PatchType.StrategicMergePatch), "p", "default", cancellationToken: Cancel);

        Assert.Equal(["c", "sidecar"], patched.Spec.Containers.Select(c => c.Name));
        Assert.Equal("i", patched.Spec.Containers[0].Image);
        Assert.Equal("new", patched.Spec.Containers[1].Image);
        Assert.Equal([("B", "3")], patched.Spec.Containers[1].Env.Select(e => (e.Name, e.Value)));
        Assert.Equal(new Dictionary<string, string> { ["fresh"] = "yes" }, patched.Metadata.Labels);
    }

    [Fact]
    public async Task Json_patch_replaces_and_tests_by_pointer()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), "default", cancellationToken: Cancel);

        var patched = await fixture.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""
            [{"op":"test","path":"/spec/containers/0/name","value":"c"},
             {"op":"replace","path":"/spec/containers/0/image","value":"j"},
             {"op":"add","path":"/metadata/labels","value":{"a/b":"c"}}]
            """, V1Patch.PatchType.JsonPatch), "p", "default", cancellationToken: Cancel);

        Assert.Equal("j", patched.Spec.Containers[0].Image);
        Assert.Equal("c", patched.Metadata.Labels["a/b"]);
    }

    private static V1Pod Pod(string name, string? tier = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = tier is null ? null : new Dictionary<string, string> { ["tier"] = tier } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] },
    };
}
