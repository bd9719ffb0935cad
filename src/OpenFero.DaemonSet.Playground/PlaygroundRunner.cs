using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Simulation.Controllers;

namespace OpenFero.DaemonSet.Playground;

/// <summary>
/// What the playground's Job pods of the project's image run: the <c>remediate</c> verb on the host it builds for a
/// Job, with the pod's environment as its configuration and the pod's log as its log.
/// </summary>
public sealed class PlaygroundRunner(string kubeconfig, string runnerNamespaces)
{
    /// <summary>The image the built-in Operarius runs (operarius/daemonset-rollout-fix.yaml).</summary>
    public const string Image = "ghcr.io/openfero/openfero-daemonset";

    public async Task<int> RunAsync(JobPodContext pod, CancellationToken cancellationToken)
    {
        var builder = RemediateCommand.CreateHostBuilder(Environment(pod.Environment, pod.TerminationMessagePath));
        builder.Logging.AddProvider(new TextWriterLoggerProvider(pod.Log, TimeProvider.System));
        return (int)(await RemediateCommand.RunAsync(builder, pod.Log, cancellationToken)).Exit;
    }

    /// <summary>
    /// In a cluster the runner finds the API server in its pod and its allow list in rbac/runner-namespaces.yaml
    /// through envFrom, which the simulated kubelet does not resolve: the playground gives the kubeconfig it wrote
    /// and its install lists the namespaces of its scenario's DaemonSets. The termination message goes to the file the
    /// simulated kubelet reads, whatever the pod's own environment says.
    /// </summary>
    private Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> environment, string? terminationMessagePath)
    {
        var completed = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        if (terminationMessagePath is not null)
        {
            completed["Runner__TerminationMessagePath"] = terminationMessagePath;
        }

        completed.TryAdd("Kubernetes__Kubeconfig", kubeconfig);
        completed.TryAdd("Runner__AllowNamespaces", runnerNamespaces);
        return completed;
    }
}
