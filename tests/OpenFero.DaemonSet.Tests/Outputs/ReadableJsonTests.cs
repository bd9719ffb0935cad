using System.Net;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Tests.Analysis;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Outputs;

/// <summary>
/// JSON is read by people (curl, logs, analyze --output json): quotes, &lt;&gt;, + and non-ASCII letters come out as
/// they are, escaped only where JSON requires it (a quote as \"), never as \u0022, \u003C, \u002B or \u00E9.
/// </summary>
public sealed class ReadableJsonTests
{
    private const string Awkward = "Grüße \"<kube-proxy>\" +1";

    [Fact]
    public async Task A_webhook_answer_and_a_problem_show_a_value_with_quotes_brackets_plus_and_umlauts_as_written()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        var labels = $$"""{"alertname":{{Quoted(Awkward)}},"namespace":"monitoring","daemonset":"node-exporter"}""";

        var answered = await server.PostJsonAsync($$"""
            {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{{labels}},"startsAt":"2026-11-22T22:38:45Z","fingerprint":"a"}]}
            """);
        var refused = await server.PostJsonAsync($$"""
            {"version":"4","status":"firing","alerts":[{"status":{{Quoted(Awkward)}},"labels":{{labels}},"startsAt":"2026-11-22T22:38:45Z","fingerprint":"a"}]}
            """);

        var answer = await answered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var problem = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(answered.IsSuccessStatusCode, answer);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(Quoted(Awkward), answer, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", answer, StringComparison.Ordinal);
        Assert.Contains("status must be \\\"firing\\\" or \\\"resolved\\\"", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analysis_report_shows_kubectls_quoted_names_as_written()
    {
        await using var cluster = await OpenFero.DaemonSet.Simulation.Hosting.SimulatedCluster.StartAsync(
            new OpenFero.DaemonSet.Simulation.Hosting.SimulatedClusterOptions { Scenario = "healthy" }, TestContext.Current.CancellationToken);
        var report = await ClusterAnalysis.AnalyzeAsync(cluster, "monitoring", "node-exporter");

        var json = ReportRendering.ToJson(report with { Verdict = report.Verdict with { Summary = Awkward } });

        Assert.Contains($"\"summary\": {Quoted(Awkward)}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_log_line_shows_the_value_as_written()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await using var server = OpenFero.DaemonSet.Tests.Hosting.HostProcess.Start("OpenFero.DaemonSet.dll",
            ["serve", "--urls", "http://127.0.0.1:0", "--Kubernetes:Kubeconfig", host.Kubeconfig]);
        var listening = await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "\"Now listening on\" log event");
        using var http = new HttpClient { BaseAddress = new Uri(System.Text.Json.Nodes.JsonNode.Parse(listening)!["address"]!.GetValue<string>()) };

        await Eventually.ReachesAsync(() => http.PostJsonAsync($$"""
            {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":{{Quoted(Awkward)}}},"startsAt":"2026-11-22T22:38:45Z","fingerprint":"a"}]}
            """), answer => answer.IsSuccessStatusCode, "the server to take the delivery", describe: answer => $"{(int)answer.StatusCode}");
        var line = await server.WaitForLineAsync(l => l.Contains("Grüße", StringComparison.Ordinal), "the log line naming the alert");

        Assert.Contains(Quoted(Awkward), line, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", line, StringComparison.Ordinal);
    }

    /// <summary>The value as a JSON string literal with only what JSON requires escaped.</summary>
    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
