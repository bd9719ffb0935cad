using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.OpenFeroCompatibility;

/// <summary>
/// The server started as OpenFero's Helm chart starts OpenFero: its flags, its probes, its read endpoints, with the
/// bearer token it passes on the command line.
/// </summary>
public sealed class OpenFeroChartStartTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Started_with_the_charts_flags_it_serves_its_probes_and_endpoints_behind_the_token()
    {
        await using var cluster = await ServerHost.StartClusterAsync();
        await using var server = HostProcess.Start("OpenFero.DaemonSet.dll",
        [
            "-addr=127.0.0.1:0", "-logLevel=info", "-kubeconfig", cluster.Kubeconfig, "-readTimeout=5", "-writeTimeout=10",
            "--authMethod=bearer", "--authBearerToken=chart-token", "-operariusNamespace=openfero",
            "-alertStoreSize=10", "-alertStoreType=memory", "-alertStoreClusterName=openfero",
        ]);
        var listening = await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "\"Now listening on\" log event");
        using var http = new HttpClient { BaseAddress = new Uri(JsonNode.Parse(listening)!["address"]!.GetValue<string>()) };

        foreach (var probe in (string[])["/startupz", "/readiness", "/healthz"])
        {
            await Eventually.ReachesAsync(() => http.GetAsync(new Uri(probe, UriKind.Relative), Cancel), answer => answer.StatusCode == HttpStatusCode.OK,
                $"{probe} to answer 200 without credentials", TimeSpan.FromSeconds(60), describe: answer => $"{(int)answer.StatusCode}; the output:\n{server.Output}");
        }

        using (var anonymous = await http.GetAsync(new Uri("/api/jobs", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "chart-token");
        var jobs = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/jobs", UriKind.Relative), Cancel))!.AsArray();
        Assert.Equal(["KubeDaemonSetMisScheduled", "KubeDaemonSetNotScheduled", "KubeDaemonSetRolloutStuck"], jobs.Select(j => j!["jobName"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var builtIn = Assert.Single(jobs, j => j!["jobName"]!.GetValue<string>() == "KubeDaemonSetRolloutStuck");
        Assert.Equal("KubeDaemonSetRolloutStuck", builtIn!["jobName"]!.GetValue<string>());
        Assert.Equal("openfero", builtIn["namespace"]!.GetValue<string>());
        Assert.Equal(0, builtIn["executionCount"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(builtIn["configMapName"]!.GetValue<string>()));
        Assert.StartsWith("ghcr.io/openfero/openfero-daemonset", builtIn["image"]!.GetValue<string>(), StringComparison.Ordinal);

        var about = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/about", UriKind.Relative), Cancel))!.AsObject();
        Assert.Equal(["buildDate", "commit", "version"], about.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.False(string.IsNullOrEmpty(about["version"]!.GetValue<string>()));

        var ignored = server.Lines.Where(l => l.Contains("OpenFero flag", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, ignored.Count);
        Assert.Contains(ignored, l => l.Contains("-alertStoreType=memory", StringComparison.Ordinal));
    }
}
