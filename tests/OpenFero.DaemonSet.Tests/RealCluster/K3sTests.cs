using System.Net;
using DotNet.Testcontainers.Builders;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Tests.Infrastructure;
using Testcontainers.K3s;

namespace OpenFero.DaemonSet.Tests.RealCluster;

/// <summary>
/// Against a real Kubernetes (K3s in a container): alert to Job through the server, then the remediation runner
/// on a real DaemonSet. Needs a Docker engine; where none runs the test skips and says so.
/// </summary>
public sealed class K3sTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alert_becomes_a_job_and_the_runner_sees_a_real_rollout_through()
    {
        K3sContainer k3s;
        try
        {
            k3s = new K3sBuilder("rancher/k3s:v1.31.4-k3s1").Build();
        }
        catch (DockerUnavailableException unavailable)
        {
            Assert.Skip($"no Docker engine runs here, so no K3s cluster: {unavailable.Message}");
            return;
        }

        await using var _ = k3s;
        await k3s.StartAsync(Cancel);
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("k3s-").FullName, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, await k3s.GetKubeconfigAsync(), Cancel);
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "openfero" } }, cancellationToken: Cancel);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "monitoring" } }, cancellationToken: Cancel);
        var folder = Path.Combine(RepositoryRoot.Path, "operarius");
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(Path.Combine(folder, "operarius-crd.yaml"), Cancel)), cancellationToken: Cancel);
        await Eventually.HoldsAsync(async () => (await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("operariuses.openfero.io", cancellationToken: Cancel))
            .Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true, "the Operarius CRD to be established", TimeSpan.FromSeconds(60));
        var operarius = KubernetesYaml.Deserialize<OpenFero.DaemonSet.Kubernetes.Operarius>(await File.ReadAllTextAsync(Path.Combine(folder, "daemonset-rollout-fix.yaml"), Cancel));
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(operarius, "openfero.io", "v1alpha1", "openfero", "operariuses", cancellationToken: Cancel);
        await client.AppsV1.CreateNamespacedDaemonSetAsync(DaemonSet(), "monitoring", cancellationToken: Cancel);

        await using var server = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", kubeconfig]);
        await server.StartAsync(Cancel);
        using var http = await ServerHost.ReadyClientAsync(server);

        var answer = await http.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        var outcome = await RemediateCommand.RunAsync(RemediateCommand.CreateHostBuilder(new Dictionary<string, string>
        {
            ["OPENFERO_NAMESPACE"] = "monitoring",
            ["OPENFERO_DAEMONSET"] = "node-exporter",
            ["Runner__RolloutTimeout"] = "00:03:00",
            ["Runner__TerminationMessagePath"] = Path.Combine(Path.GetDirectoryName(kubeconfig)!, "termination-log"),
            ["Kubernetes__Kubeconfig"] = kubeconfig,
        }), TextWriter.Null, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Single((await client.BatchV1.ListNamespacedJobAsync("openfero", cancellationToken: Cancel)).Items);
        Assert.Equal(RemediationResult.RolledOut, outcome.Result);
    }

    private static V1DaemonSet DaemonSet() => new()
    {
        Metadata = new V1ObjectMeta { Name = "node-exporter" },
        Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "node-exporter" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "node-exporter" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "pause", Image = "rancher/mirrored-pause:3.6" }] },
            },
        },
    };
}
