using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Playground;

/// <summary>
/// The whole system on a machine with no cluster: a simulated cluster with a stuck DaemonSet, the CRD and the
/// built-in Operarius installed through its API, the server against it, and Job pods of the project's image running
/// the <c>remediate</c> verb in-process against the same API (<see cref="PlaygroundRunner"/>).
/// </summary>
public sealed class PlaygroundSystem : IAsyncDisposable
{
    private PlaygroundSystem(SimulatedCluster cluster, WebApplication server, string kubeconfig, IReadOnlyList<DaemonSetTarget> daemonSets)
    {
        Cluster = cluster;
        Server = server;
        Kubeconfig = kubeconfig;
        DaemonSet = daemonSets[0];
        RunnerNamespaces = RunnerNamespacesOf(daemonSets);
    }

    public SimulatedCluster Cluster { get; }
    public WebApplication Server { get; }
    public string Kubeconfig { get; }

    /// <summary>The scenario's DaemonSet the playground's commands are about (the first by namespace and name).</summary>
    public DaemonSetTarget DaemonSet { get; }

    /// <summary>The namespaces the playground's runner may act in (comma-separated), as rbac/runner-namespaces.yaml lists them in a cluster.</summary>
    public string RunnerNamespaces { get; }

    private const string ProgressDeadlineSetting = "--Analysis:DaemonsetRolloutMonitor:ProgressDeadline";
    private const string PlaygroundProgressDeadline = "00:00:20";

    /// <param name="serverArgs">The server's command-line configuration (<c>--urls URL</c>, <c>--Section:Key value</c>).</param>
    public static async Task<PlaygroundSystem> StartAsync(string scenario, string kubeconfig, string[] serverArgs, CancellationToken cancellationToken)
    {
        var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario, Logging = true }, cancellationToken);
        try
        {
            kubeconfig = Path.GetFullPath(kubeconfig);
            cluster.WriteKubeconfig(kubeconfig);
            await InstallOperariiAsync(cluster, cancellationToken);
            var daemonSets = await DaemonSetsAsync(cluster, cancellationToken);
            if (daemonSets.Count == 0)
            {
                throw new InvalidOperationException($"scenario \"{scenario}\" has no DaemonSet to remediate");
            }

            var runnerNamespaces = RunnerNamespacesOf(daemonSets);
            cluster.JobHandlers.Register(PlaygroundRunner.Image, new PlaygroundRunner(kubeconfig, runnerNamespaces).RunAsync);
            var args = serverArgs.Contains("--urls") ? serverArgs : [.. serverArgs, "--urls", "http://127.0.0.1:8080"];

            // The scenarios stage in a minute what takes a cluster a quarter of an hour (the alert rule's 15 minutes): a
            // rollout seen moving is judged stalled after 20 s here, not 10 min, unless the arguments say otherwise
            // (later arguments win).
            args = [ProgressDeadlineSetting, PlaygroundProgressDeadline, .. args];

            // The server applies the runner's namespace lists too (an alert for a namespace the runner may not act in
            // gets no Job): the same lists, as rbac/runner-namespaces.yaml gives both in a cluster.
            var server = ServerApp.Build([.. args, "--Kubernetes:Kubeconfig", kubeconfig, "--Runner:AllowNamespaces", runnerNamespaces]);
            try
            {
                HostPreflight.Check(server.Services);
                await ServeCommand.StartAsync(server, cancellationToken);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            return new PlaygroundSystem(cluster, server, kubeconfig, daemonSets);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Ctrl+C ends the playground promptly: work still running after a moment (a watch, a follow-up) is cut.
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Server.StopAsync(bounded.Token);
        await Server.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The CRD and the built-in Operarii, installed through the cluster's API as <c>kubectl apply -f operarius/</c> would.</summary>
    public static async Task InstallOperariiAsync(SimulatedCluster cluster, CancellationToken cancellationToken)
    {
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(Resource("operarius-crd.yaml"));
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
        foreach (var name in BuiltInOperarii)
        {
            var operarius = KubernetesYaml.Deserialize<Operarius>(Resource(name));
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(operarius, Operarius.Group, Operarius.Version,
                operarius.Metadata.NamespaceProperty, Operarius.Plural, cancellationToken: cancellationToken);
        }
    }

    /// <summary>The files of operarius/ that hold an Operarius (every one but the CRD).</summary>
    public static IReadOnlyList<string> BuiltInOperarii { get; } =
        [.. typeof(PlaygroundSystem).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("operarius/", StringComparison.Ordinal) && n != "operarius/operarius-crd.yaml")
            .Select(n => n["operarius/".Length..]).Order(StringComparer.Ordinal)];

    private static async Task<IReadOnlyList<DaemonSetTarget>> DaemonSetsAsync(SimulatedCluster cluster, CancellationToken cancellationToken)
    {
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var daemonSets = await client.AppsV1.ListDaemonSetForAllNamespacesAsync(cancellationToken: cancellationToken);
        return [.. daemonSets.Items.Select(d => new DaemonSetTarget(d.Metadata.NamespaceProperty, d.Metadata.Name))
            .OrderBy(d => d.Namespace, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)];
    }

    private static string RunnerNamespacesOf(IEnumerable<DaemonSetTarget> daemonSets) =>
        string.Join(",", daemonSets.Select(d => d.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string Resource(string name)
    {
        using var stream = typeof(PlaygroundSystem).Assembly.GetManifestResourceStream($"operarius/{name}")
            ?? throw new InvalidOperationException($"operarius/{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
