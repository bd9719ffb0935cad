using System.Text;
using k8s;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Tests.Alerting;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// The runner acts only in the namespaces its install allows, and kube-system only when listed. The playground's
/// install lists its scenario's namespaces, so a kube-system scenario shows the remediation, not a refusal.
/// </summary>
public sealed class PlaygroundRunnerNamespacesTests
{
    [Fact]
    public async Task The_playground_runner_may_act_in_its_scenarios_kube_system_daemonset()
    {
        var folder = Directory.CreateTempSubdirectory("openfero-playground-").FullName;
        await using var playground = await Playground.StartAsync("broken-revision", Path.Combine(folder, "kubeconfig"),
            ["--urls", "http://127.0.0.1:0", "--Logging:Format", "text", "--Serilog:MinimumLevel:Default", "Warning"], TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(playground.Server.Urls.First()) };
        using var client = new k8s.Kubernetes(playground.Cluster.ClientConfiguration());
        await Eventually.HoldsAsync(async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken)).IsSuccessStatusCode,
            "the server to be ready", TimeSpan.FromSeconds(60));

        using var body = new StringContent("""
            {"version":"4","status":"firing","receiver":"openfero","groupKey":"{}:{alertname=\"KubeDaemonSetRolloutStuck\"}",
             "alerts":[{"status":"firing","fingerprint":"0c1a2b3c4d5e6f70","startsAt":"2026-12-01T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
               "labels":{"alertname":"KubeDaemonSetRolloutStuck","namespace":"kube-system","daemonset":"calico-node","severity":"warning"},"annotations":{}}]}
            """, Encoding.UTF8, "application/json");
        var answer = await http.PostAsync(new Uri("/alerts", UriKind.Relative), body, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("kube-system", playground.RunnerNamespaces);
        await Eventually.HoldsAsync(
            async () => (await client.CoreV1.ListNamespacedEventAsync("kube-system", cancellationToken: TestContext.Current.CancellationToken)).Items
                .Any(e => e.Reason == "RemediationPlanned" && e.Message.Contains("NewRevisionFailing", StringComparison.Ordinal)),
            "the runner's RemediationPlanned Event naming the failing revision on kube-system/calico-node",
            // The Job's pod must be created, started and run the analysis: slow when the whole suite shares the machine.
            TimeSpan.FromSeconds(60));
        Directory.Delete(folder, recursive: true);
    }
}
