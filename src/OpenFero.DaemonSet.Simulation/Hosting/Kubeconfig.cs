namespace OpenFero.DaemonSet.Simulation.Hosting;

/// <summary>A kubeconfig that points kubectl and the client libraries at the simulated cluster.</summary>
public static class Kubeconfig
{
    public const string ContextName = "openfero-simulation";

    public static string Render(Uri server) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {ContextName}
          cluster:
            server: {server.GetLeftPart(UriPartial.Authority)}
        contexts:
        - name: {ContextName}
          context:
            cluster: {ContextName}
            user: {ContextName}
            namespace: default
        current-context: {ContextName}
        users:
        - name: {ContextName}
          user:
            token: simulation
        """ + "\n";
}
