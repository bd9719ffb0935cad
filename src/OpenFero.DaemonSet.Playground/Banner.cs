namespace OpenFero.DaemonSet.Playground;

/// <summary>
/// What the playground prints once it runs: the commands to try on the scenario's own DaemonSet, with absolute
/// paths (they work from any folder), and where the runner may act.
/// </summary>
public static class Banner
{
    public static string Text(string scenario, PlaygroundSystem playground, string alertFile)
    {
        var url = playground.Server.Urls.First().TrimEnd('/');
        var target = playground.DaemonSet;
        return $"""

            OpenFero.DaemonSet playground: simulated cluster "{scenario}" at {playground.Cluster.BaseAddress}, server at {url}
            In another terminal:

              export KUBECONFIG={playground.Kubeconfig}
              kubectl get ds,pods -n {target.Namespace}
              curl -sS -X POST -H 'Content-Type: application/json' --data @{alertFile} {url}/alerts
              kubectl get jobs -n openfero -w
              kubectl rollout status daemonset/{target.Name} -n {target.Namespace}
              kubectl describe daemonset {target.Name} -n {target.Namespace}
              curl -sS '{url}/api/daemonsets/{target.Namespace}/{target.Name}/analysis?format=text'

            Watch it live in a browser: {url}/

            The runner may act in: {playground.RunnerNamespaces} (in a cluster: rbac/runner-namespaces.yaml).
            Ctrl+C stops it.
            """;
    }
}
