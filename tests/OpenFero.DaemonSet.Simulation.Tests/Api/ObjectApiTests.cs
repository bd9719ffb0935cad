using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

public sealed class ObjectApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_then_create_again_is_409_AlreadyExists_with_a_Status_body()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p1"), "default", cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p1"), "default", cancellationToken: Cancel));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"AlreadyExists\"", error.Response.Content, StringComparison.Ordinal);
        Assert.Contains("pods \\\"p1\\\" already exists", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateName_gets_a_random_suffix()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        var pod = Pod(null);
        pod.Metadata.GenerateName = "fix-";

        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Cancel);

        Assert.Matches("^fix-[a-z0-9]{5}$", created.Metadata.Name);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
    }

    [Fact]
    public async Task Update_with_a_stale_resourceVersion_is_409_Conflict()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p1"), "default", cancellationToken: Cancel);
        created.Metadata.Labels = new Dictionary<string, string> { ["a"] = "1" };
        await fixture.Client.CoreV1.ReplaceNamespacedPodAsync(created, "p1", "default", cancellationToken: Cancel);

        created.Metadata.Labels["a"] = "2";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => fixture.Client.CoreV1.ReplaceNamespacedPodAsync(created, "p1", "default", cancellationToken: Cancel));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"Conflict\"", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_with_a_wrong_uid_precondition_is_409_and_with_the_right_one_deletes()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p1"), "default", cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => fixture.Client.CoreV1.DeleteNamespacedPodAsync(
            "p1", "default", new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "not-the-uid" } }, cancellationToken: Cancel));
        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("p1", "default", new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = created.Metadata.Uid } }, cancellationToken: Cancel);

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("Precondition failed: UID in precondition: not-the-uid", error.Response.Content, StringComparison.Ordinal);
        Assert.Empty((await fixture.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Cancel)).Items);
    }

    [Fact]
    public async Task Deleting_a_pod_on_a_node_is_graceful_until_the_kubelet_finishes()
    {
        await using var fixture = await ClusterFixture.StartAsync("stuck-rollout", controllers: false);
        var pod = (await fixture.Client.CoreV1.ListNamespacedPodAsync("monitoring", fieldSelector: "spec.nodeName=node-1", cancellationToken: Cancel)).Items.Single();

        var marked = await fixture.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, "monitoring", gracePeriodSeconds: 30, cancellationToken: Cancel);
        var forced = await fixture.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, "monitoring", gracePeriodSeconds: 0, cancellationToken: Cancel);

        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.NotNull(forced);
        Assert.Null((await fixture.Client.CoreV1.ListNamespacedPodAsync("monitoring", fieldSelector: "spec.nodeName=node-1", cancellationToken: Cancel)).Items.SingleOrDefault());
    }

    [Fact]
    public async Task Unknown_resource_is_404_and_malformed_body_is_400_never_500()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        using var http = new HttpClient { BaseAddress = fixture.Cluster.BaseAddress };

        var unknown = await http.GetAsync("/apis/apps/v1/namespaces/default/widgets", Cancel);
        var malformed = await http.PostAsync("/api/v1/namespaces/default/pods", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Cancel);
        var wrongKind = await http.PostAsync("/api/v1/namespaces/default/pods", new StringContent("""{"kind":"Node","apiVersion":"v1","metadata":{"name":"x"}}""", System.Text.Encoding.UTF8, "application/json"), Cancel);
        var badPatch = await http.PatchAsync("/api/v1/namespaces/default", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("\"kind\":\"Status\"", await malformed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, badPatch.StatusCode);
    }

    [Fact]
    public async Task DaemonSet_with_both_maxUnavailable_and_maxSurge_is_422_Invalid()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        var ds = new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "bad" },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["a"] = "b" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["a"] = "b" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] } },
                UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = "1", MaxSurge = "1" } },
            },
        };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => fixture.Client.AppsV1.CreateNamespacedDaemonSetAsync(ds, "default", cancellationToken: Cancel));

        Assert.Equal((HttpStatusCode)422, error.Response.StatusCode);
        Assert.Contains("may not be set when maxUnavailable is non-zero", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patches_merge_strategic_and_json_all_apply()
    {
        await using var fixture = await ClusterFixture.StartAsync("tainted-node", controllers: false);
        var apps = fixture.Client.AppsV1;

        await apps.PatchNamespacedDaemonSetAsync(new V1Patch("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-23T10:00:00Z"}}}}}""", V1Patch.PatchType.StrategicMergePatch), "fluent-bit", "logging", cancellationToken: Cancel);
        await apps.PatchNamespacedDaemonSetAsync(new V1Patch("""{"metadata":{"labels":{"team":"logging"}}}""", V1Patch.PatchType.MergePatch), "fluent-bit", "logging", cancellationToken: Cancel);
        var last = await apps.PatchNamespacedDaemonSetAsync(new V1Patch("""[{"op":"add","path":"/metadata/annotations/owner","value":"sre"}]""", V1Patch.PatchType.JsonPatch), "fluent-bit", "logging", cancellationToken: Cancel);

        Assert.Equal("2026-11-23T10:00:00Z", last.Spec.Template.Metadata.Annotations["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal("logging", last.Metadata.Labels["team"]);
        Assert.Equal("sre", last.Metadata.Annotations["owner"]);
        Assert.Equal("fluent-bit", last.Spec.Template.Spec.Containers.Single().Name);
        Assert.Equal(2, last.Metadata.Generation);
        Assert.Equal("2", last.Metadata.Annotations["deprecated.daemonset.template.generation"]);
    }

    [Fact]
    public async Task Operarius_kind_is_served_once_its_crd_exists_including_status()
    {
        await using var fixture = await ClusterFixture.StartAsync(controllers: false);
        var crd = k8s.KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "operarius", "operarius-crd.yaml"), Cancel));
        var operarius = new Dictionary<string, object>
        {
            ["apiVersion"] = "openfero.io/v1alpha1",
            ["kind"] = "Operarius",
            ["metadata"] = new Dictionary<string, object> { ["name"] = "fix" },
            ["spec"] = new Dictionary<string, object> { ["alertSelector"] = new Dictionary<string, object> { ["alertname"] = "A", ["status"] = "firing" } },
        };

        var before = await Assert.ThrowsAsync<HttpOperationException>(() => fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(operarius, "openfero.io", "v1alpha1", "openfero", "operariuses", cancellationToken: Cancel));
        await fixture.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: Cancel);
        await fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(operarius, "openfero.io", "v1alpha1", "openfero", "operariuses", cancellationToken: Cancel);
        await fixture.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"executionCount":1}}""", V1Patch.PatchType.MergePatch), "openfero.io", "v1alpha1", "openfero", "operariuses", "fix", cancellationToken: Cancel);
        var stored = (System.Text.Json.JsonElement)await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync("openfero.io", "v1alpha1", "openfero", "operariuses", "fix", cancellationToken: Cancel);

        Assert.Equal(HttpStatusCode.NotFound, before.Response.StatusCode);
        Assert.Equal(1, stored.GetProperty("status").GetProperty("executionCount").GetInt32());
        Assert.Equal("A", stored.GetProperty("spec").GetProperty("alertSelector").GetProperty("alertname").GetString());
    }

    private static V1Pod Pod(string? name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
    };
}
