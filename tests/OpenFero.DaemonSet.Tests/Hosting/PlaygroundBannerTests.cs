using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Playground;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// The playground's banner is about its own scenario: the commands name the scenario's DaemonSet, and the alert it
/// points at is a file that exists, for that DaemonSet, which the built-in Operarius turns into a Job.
/// </summary>
public sealed class PlaygroundBannerTests
{
    [Fact]
    public async Task The_banner_of_another_scenario_names_its_daemonset_and_an_alert_that_starts_its_remediation()
    {
        var cancel = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("openfero-playground-").FullName;
        await using var playground = await PlaygroundSystem.StartAsync("broken-revision", Path.Combine(folder, "kubeconfig"),
            ["--urls", "http://127.0.0.1:0", "--Serilog:MinimumLevel:Default", "Warning"], cancel);
        var alertFile = PlaygroundAlert.Write(Path.Combine(folder, "broken-revision-alert.json"), playground.DaemonSet, playground.Cluster.Time.GetUtcNow());

        var banner = Banner.Text("broken-revision", playground, alertFile);

        Assert.Contains("kubectl rollout status daemonset/calico-node -n kube-system", banner, StringComparison.Ordinal);
        Assert.Contains($"--data @{alertFile} ", banner, StringComparison.Ordinal);
        Assert.Contains($"export KUBECONFIG={Path.Combine(folder, "kubeconfig")}", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("node-exporter", banner, StringComparison.Ordinal);
        Assert.True(Path.IsPathRooted(alertFile));

        using var http = new HttpClient { BaseAddress = new Uri(playground.Server.Urls.First()) };
        var answer = await Eventually.ReachesAsync(
            async () =>
            {
                using var content = new StringContent(await File.ReadAllTextAsync(alertFile, cancel), System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri("/alerts", UriKind.Relative), content, cancel);
                return await response.Content.ReadFromJsonAsync<JsonObject>(cancel);
            },
            body => body?["alerts"]?[0]?["outcome"]?.GetValue<string>() == "jobCreated",
            "the playground's alert for calico-node starts a remediation Job");
        Assert.Equal("calico-node", answer!["alerts"]![0]!["target"]!["name"]!.GetValue<string>());
        Directory.Delete(folder, recursive: true);
    }
}
