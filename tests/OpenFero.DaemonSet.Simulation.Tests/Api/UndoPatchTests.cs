using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Tests.Api;

/// <summary>
/// The patch <c>kubectl rollout undo</c> sends for a DaemonSet: a ControllerRevision's template with
/// <c>$patch: replace</c>, here with the resourceVersion it was chosen at as a precondition.
/// </summary>
public sealed class UndoPatchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replace_directive_swaps_the_whole_template_and_bumps_the_template_generation()
    {
        await using var fixture = await ClusterFixture.StartAsync("tainted-node", controllers: false);
        var apps = fixture.Client.AppsV1;
        var before = await apps.ReadNamespacedDaemonSetAsync("fluent-bit", "logging", cancellationToken: Cancel);

        var after = await apps.PatchNamespacedDaemonSetAsync(new V1Patch(UndoBody(before.Metadata.ResourceVersion), V1Patch.PatchType.StrategicMergePatch),
            "fluent-bit", "logging", cancellationToken: Cancel);

        var container = Assert.Single(after.Spec.Template.Spec.Containers);
        Assert.Equal(("old", "fluent/fluent-bit:2.2.0"), (container.Name, container.Image));
        Assert.Null(container.Resources);
        Assert.Equal("2", after.Metadata.Annotations["deprecated.daemonset.template.generation"]);
        Assert.Equal(before.Spec.Selector.MatchLabels, after.Spec.Selector.MatchLabels);
    }

    [Fact]
    public async Task A_stale_resourceVersion_in_the_patch_is_409_and_changes_nothing()
    {
        await using var fixture = await ClusterFixture.StartAsync("tainted-node", controllers: false);
        var apps = fixture.Client.AppsV1;
        var before = await apps.ReadNamespacedDaemonSetAsync("fluent-bit", "logging", cancellationToken: Cancel);
        await apps.PatchNamespacedDaemonSetAsync(new V1Patch("""{"metadata":{"labels":{"team":"logging"}}}""", V1Patch.PatchType.MergePatch), "fluent-bit", "logging", cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => apps.PatchNamespacedDaemonSetAsync(
            new V1Patch(UndoBody(before.Metadata.ResourceVersion), V1Patch.PatchType.StrategicMergePatch), "fluent-bit", "logging", cancellationToken: Cancel));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var now = await apps.ReadNamespacedDaemonSetAsync("fluent-bit", "logging", cancellationToken: Cancel);
        Assert.Equal(KubernetesJson.Serialize(before.Spec.Template), KubernetesJson.Serialize(now.Spec.Template));
    }

    private static string UndoBody(string resourceVersion) => """
        {"metadata":{"resourceVersion":"RV"},
         "spec":{"template":{"$patch":"replace","metadata":{"labels":{"app.kubernetes.io/name":"fluent-bit"}},
                             "spec":{"containers":[{"name":"old","image":"fluent/fluent-bit:2.2.0"}]}}}}
        """.Replace("RV", resourceVersion, StringComparison.Ordinal);
}
