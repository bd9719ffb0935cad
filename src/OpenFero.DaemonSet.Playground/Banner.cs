namespace OpenFero.DaemonSet.Playground;

/// <summary>What the playground prints once it runs: the commands to try, and where the runner may act.</summary>
public static class Banner
{
    public static string Text(string scenario, PlaygroundSystem playground)
    {
        var url = playground.Server.Urls.First();
        return $"""

            OpenFero.DaemonSet playground: simulated cluster "{scenario}" at {playground.Cluster.BaseAddress}, server at {url}
            In another terminal:

              export KUBECONFIG={playground.Kubeconfig}
              kubectl get ds,pods -n monitoring
              curl -sS -X POST -H 'Content-Type: application/json' --data @test-alerts/kube-daemonset-rollout-stuck.json {url}/alerts
              kubectl get jobs -n openfero -w
              kubectl rollout status daemonset/node-exporter -n monitoring

            The runner may act in: {playground.RunnerNamespaces} (in a cluster: rbac/runner-namespaces.yaml).
            Ctrl+C stops it.
            """;
    }
}
