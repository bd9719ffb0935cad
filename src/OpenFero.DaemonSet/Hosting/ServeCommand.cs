using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// <c>serve [--urls URL] [--kubeconfig PATH] [--playground [--scenario NAME]]</c>: the webhook server until
/// stopped; with <c>--playground</c>, against a simulated cluster started for it.
/// </summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mapped = args.Select(a => a == "--kubeconfig" ? "--Kubernetes:Kubeconfig" : a).ToList();
        try
        {
            if (mapped.Remove("--playground"))
            {
                return await RunPlaygroundAsync(mapped);
            }

            await using var app = ServerApp.Build([.. mapped]);
            // Taken before the run: a host whose start failed is disposed by RunAsync, its lifetime with it.
            var stopping = app.Lifetime.ApplicationStopping;
            try
            {
                await app.RunAsync();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // SIGTERM before the server listened: Kestrel's bind was cancelled. A stop like any other.
            }

            return 0;
        }
        catch (OptionsValidationException invalid)
        {
            await Console.Error.WriteLineAsync($"configuration is not valid: {string.Join("; ", invalid.Failures)}");
            return 2;
        }
    }

    private static async Task<int> RunPlaygroundAsync(List<string> args)
    {
        var scenario = "stuck-rollout";
        var at = args.IndexOf("--scenario");
        if (at >= 0 && at + 1 < args.Count)
        {
            scenario = args[at + 1];
            args.RemoveRange(at, 2);
        }

        var kubeconfig = Path.Combine(Path.GetTempPath(), "openfero-playground", "kubeconfig");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await using var playground = await Playground.StartAsync(scenario, kubeconfig, [.. args, "--Logging:Format", "text"], stop.Token);
        playground.Server.Lifetime.ApplicationStopping.Register(stop.Cancel);
        playground.Cluster.Stopping.Register(stop.Cancel);
        var url = playground.Server.Urls.First();
        Console.WriteLine($"""

            OpenFero.DaemonSet playground: simulated cluster "{scenario}" at {playground.Cluster.BaseAddress}, server at {url}
            In another terminal:

              export KUBECONFIG={kubeconfig}
              kubectl get ds,pods -n monitoring
              curl -sS -X POST -H 'Content-Type: application/json' --data @test-alerts/kube-daemonset-rollout-stuck.json {url}/alerts
              kubectl get jobs -n openfero -w
              kubectl rollout status daemonset/node-exporter -n monitoring

            The runner may act in: {playground.RunnerNamespaces} (in a cluster: rbac/runner-namespaces.yaml).
            Ctrl+C stops it.
            """);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping the playground.");
        }

        return 0;
    }
}
