using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// One delivery of 5,000 alerts, each for its own DaemonSet, against the simulated cluster with latency injected
/// on every API request: how long the answer takes against Webhook:AnswerTimeout (5 s), and how many deliveries
/// Alertmanager needs until every alert has its Job, with no Job made twice.
/// </summary>
internal static class LargeDeliveryBenchmark
{
    private const int Alerts = 5000;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(25);

    public static async Task RunAsync()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "stuck-rollout" }, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("openfero-bench-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);
        await PlaygroundSystem.InstallOperariiAsync(cluster, CancellationToken.None);
        await using var server = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", kubeconfig, "--Serilog:MinimumLevel:Default", "Error"]);
        await server.StartAsync();
        var url = new Uri(new Uri(server.Urls.First()), "/alerts");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        for (var attempt = 0; attempt < 100 && !(await http.GetAsync(new Uri(url, "/readyz"))).IsSuccessStatusCode; attempt++)
        {
            await Task.Delay(50);
        }

        cluster.Faults.InjectRate(1.0, new Fault.Latency(Latency));
        var body = Delivery();
        var answers = new List<(int Status, TimeSpan Took, TimeSpan Handler, Dictionary<string, int> Outcomes)>();
        var total = Stopwatch.StartNew();
        do
        {
            var handledBefore = await HandlerSecondsAsync(http, url);
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
            var took = watch.Elapsed;
            var outcomes = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["alerts"]!.AsArray()
                .GroupBy(a => a!["outcome"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
            var handler = TimeSpan.FromSeconds(await HandlerSecondsAsync(http, url) - handledBefore);
            answers.Add(((int)response.StatusCode, took, handler, outcomes));
        }
        while (answers[^1].Status != 202 && answers.Count < 40);

        cluster.Faults.Clear();
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        var jobs = (await client.BatchV1.ListNamespacedJobAsync("openfero")).Items;

        Console.WriteLine($"## Webhook, one delivery of {Alerts:N0} alerts (distinct DaemonSets), {Latency.TotalMilliseconds:0} ms latency on every API request, AnswerTimeout 5 s");
        for (var i = 0; i < answers.Count; i++)
        {
            var (status, took, handler, outcomes) = answers[i];
            Console.WriteLine($"delivery {i + 1}: {status} in {Measure.Ms(took)}, in the handler {Measure.Ms(handler)} ({string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))})");
        }

        Console.WriteLine($"answer time: first {Measure.Ms(answers[0].Took)}, slowest {Measure.Ms(answers.Max(a => a.Took))} (target <= 6,000 ms)");
        Console.WriteLine($"{answers.Count} deliveries in {Measure.Ms(total.Elapsed)} until 202; Jobs {jobs.Count:N0}, distinct names {jobs.Select(j => j.Metadata.Name).Distinct().Count():N0} (expected {Alerts:N0})");
        await server.StopAsync();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The server's own account of the time its POST /alerts handler took, summed (openfero_webhook_duration_seconds_sum).</summary>
    private static async Task<double> HandlerSecondsAsync(HttpClient http, Uri url)
    {
        var metrics = await http.GetStringAsync(new Uri(url, "/metrics"));
        var line = metrics.Split('\n').First(l => l.StartsWith("openfero_webhook_duration_seconds_sum ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Delivery() => new JsonObject
    {
        ["version"] = "4",
        ["status"] = "firing",
        ["receiver"] = "openfero",
        ["groupKey"] = "{}:{alertname=\"KubeDaemonSetRolloutStuck\"}",
        ["alerts"] = new JsonArray([.. Enumerable.Range(0, Alerts).Select(i => (JsonNode)new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = new JsonObject
            {
                ["alertname"] = "KubeDaemonSetRolloutStuck",
                ["namespace"] = "monitoring",
                ["daemonset"] = $"agent-{i}",
            },
            ["startsAt"] = "2026-11-22T22:38:45Z",
            ["fingerprint"] = $"{i:x16}",
        })]),
    }.ToJsonString();
}
