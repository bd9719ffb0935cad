using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>serve --playground</c>: the whole system on a machine with no cluster. A simulated cluster with a stuck
/// DaemonSet, the CRD and the built-in Operarius installed through its API, the server against it, and Job
/// pods of the project's image running the <c>remediate</c> verb in-process against the same API.
/// </summary>
public sealed class Playground : IAsyncDisposable
{
    public const string RunnerImage = "ghcr.io/openfero/openfero-daemonset";
    private const string AllowNamespacesVariable = "Runner__AllowNamespaces";

    private Playground(SimulatedCluster cluster, WebApplication server, string kubeconfig, string runnerNamespaces)
    {
        Cluster = cluster;
        Server = server;
        Kubeconfig = kubeconfig;
        RunnerNamespaces = runnerNamespaces;
    }

    public SimulatedCluster Cluster { get; }
    public WebApplication Server { get; }
    public string Kubeconfig { get; }

    /// <summary>The namespaces the playground's runner may act in (comma-separated), as rbac/runner-namespaces.yaml lists them in a cluster.</summary>
    public string RunnerNamespaces { get; }

    public static async Task<Playground> StartAsync(string scenario, string kubeconfig, string[] serverArgs, CancellationToken cancellationToken)
    {
        var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario, Logging = true }, cancellationToken);
        cluster.WriteKubeconfig(kubeconfig);
        await InstallOperariiAsync(cluster, cancellationToken);
        var runnerNamespaces = await DaemonSetNamespacesAsync(cluster, cancellationToken);
        cluster.JobHandlers.Register(RunnerImage, async (pod, token) =>
        {
            using var loggers = LoggerFactory.Create(b => b.AddProvider(new TextWriterLoggerProvider(pod.Log, TimeProvider.System)));
            return (int)await RemediateCommand.RunAsync(WithAllowList(pod.Environment, runnerNamespaces), cluster.ClientConfiguration(), loggers, pod.Log, token);
        });
        var args = serverArgs.Contains("--urls") ? serverArgs : [.. serverArgs, "--urls", "http://127.0.0.1:8080"];
        var server = ServerApp.Build([.. args, "--Kubernetes:Kubeconfig", kubeconfig]);
        await server.StartAsync(cancellationToken);
        return new Playground(cluster, server, kubeconfig, runnerNamespaces);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        await Server.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The CRD and the built-in Operarius, installed through the cluster's API as <c>kubectl apply -f operarius/</c> would.</summary>
    public static async Task InstallOperariiAsync(SimulatedCluster cluster, CancellationToken cancellationToken)
    {
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(Resource("operarius-crd.yaml"));
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
        var operarius = KubernetesYaml.Deserialize<Operarius>(Resource("daemonset-rollout-fix.yaml"));
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(operarius, Operarius.Group, Operarius.Version,
            operarius.Metadata.NamespaceProperty, Operarius.Plural, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// In a cluster the runner's allow list comes from rbac/runner-namespaces.yaml through envFrom, which the
    /// simulated kubelet does not resolve; the playground's install lists the namespaces of its scenario's DaemonSets.
    /// </summary>
    private static IReadOnlyDictionary<string, string> WithAllowList(IReadOnlyDictionary<string, string> environment, string namespaces) =>
        environment.ContainsKey(AllowNamespacesVariable)
            ? environment
            : new Dictionary<string, string>(environment, StringComparer.Ordinal) { [AllowNamespacesVariable] = namespaces };

    private static async Task<string> DaemonSetNamespacesAsync(SimulatedCluster cluster, CancellationToken cancellationToken)
    {
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var daemonSets = await client.AppsV1.ListDaemonSetForAllNamespacesAsync(cancellationToken: cancellationToken);
        return string.Join(",", daemonSets.Items.Select(d => d.Metadata.NamespaceProperty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    private static string Resource(string name)
    {
        using var stream = typeof(Playground).Assembly.GetManifestResourceStream($"operarius/{name}")
            ?? throw new InvalidOperationException($"operarius/{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
