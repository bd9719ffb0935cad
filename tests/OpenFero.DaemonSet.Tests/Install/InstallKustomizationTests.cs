using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Install;

/// <summary>The root kustomization: <c>kubectl apply -k .</c> installs everything, with the image set in one place.</summary>
public sealed class InstallKustomizationTests
{
    [Fact]
    public async Task Kubectl_kustomize_renders_everything_the_server_needs_in_one_apply()
    {
        var install = await RenderedInstall.RenderAsync(RepositoryRoot.Path);

        var kinds = install.Objects.Select(o => (string)o["kind"]!).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "Namespace", "CustomResourceDefinition", "Operarius", "ServiceAccount", "Role", "ClusterRole", "RoleBinding",
                "ClusterRoleBinding", "ConfigMap", "Deployment", "Service", "ServiceMonitor", "PrometheusRule",
                "PodDisruptionBudget", "NetworkPolicy",
            },
            kinds);
    }

    [Fact]
    public async Task Every_container_image_is_the_one_set_in_the_kustomization()
    {
        var install = await RenderedInstall.RenderAsync(RepositoryRoot.Path);

        var images = install.Images().ToList();

        Assert.Contains(images, i => i.Where.StartsWith("Deployment/", StringComparison.Ordinal));
        Assert.Contains(images, i => i.Where.StartsWith("Operarius/", StringComparison.Ordinal));
        Assert.All(images, i => Assert.True(i.Image == KustomizationImage(RepositoryRoot.Path), $"{i.Where} runs {i.Image}"));
    }

    [Fact]
    public async Task A_new_image_tag_in_the_kustomization_reaches_the_deployment_and_the_operarius_job()
    {
        var copy = CopyOfInstall();
        var kustomization = Path.Combine(copy, "kustomization.yaml");
        File.WriteAllText(kustomization, File.ReadAllText(kustomization).Replace("newTag: ", "newTag: 9.9.9-", StringComparison.Ordinal));

        try
        {
            var install = await RenderedInstall.RenderAsync(copy);

            var image = KustomizationImage(copy);
            Assert.Contains(":9.9.9-", image, StringComparison.Ordinal);
            Assert.All(install.Images(), i => Assert.True(i.Image == image, $"{i.Where} runs {i.Image}"));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>The image the kustomization's <c>images:</c> sets, as <c>name:tag</c>.</summary>
    private static string KustomizationImage(string folder)
    {
        var kustomization = YamlDocuments.ParseOne(File.ReadAllText(Path.Combine(folder, "kustomization.yaml")));
        var image = Assert.Single(kustomization["images"]!.AsArray())!;
        return $"{image["newName"] ?? image["name"]}:{image["newTag"]}";
    }

    /// <summary>The kustomization and the folders it reads, copied to a temporary folder that a test may change.</summary>
    private static string CopyOfInstall()
    {
        var copy = Directory.CreateTempSubdirectory("openfero-install-").FullName;
        File.Copy(Path.Combine(RepositoryRoot.Path, "kustomization.yaml"), Path.Combine(copy, "kustomization.yaml"));
        foreach (var folder in new[] { "rbac", "operarius", "deploy" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, folder), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(RepositoryRoot.Path, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return copy;
    }
}
