using System.Net;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Alerts;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class AlertWithoutFingerprintTests
{
    private const string Fixture = "kube-daemonset-rollout-stuck.without-fingerprint.json";

    [Fact]
    public async Task OpenFero_style_alert_without_fingerprint_creates_a_job_labelled_with_the_label_set_fingerprint()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        var body = File.ReadAllText(RepositoryRoot.OpenFeroFixture(Fixture));

        var response = await server.PostJsonAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = (await response.JsonAsync())["alerts"]![0]!;
        Assert.Equal("jobCreated", answer["outcome"]!.GetValue<string>());
        var job = Assert.Single(await host.JobsAsync());
        Assert.Equal(LabelSetFingerprint.Of(LabelsOf(body)), job.Metadata.Labels["openfero.io/fingerprint"]);
    }

    [Fact]
    public async Task OpenFero_style_alert_without_fingerprint_sent_twice_is_deduplicated()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        var body = File.ReadAllText(RepositoryRoot.OpenFeroFixture(Fixture));
        var first = (await (await server.PostJsonAsync(body)).JsonAsync())["alerts"]![0]!;

        var second = (await (await server.PostJsonAsync(body)).JsonAsync())["alerts"]![0]!;

        Assert.Equal("jobCreated", first["outcome"]!.GetValue<string>());
        Assert.Equal("deduplicated", second["outcome"]!.GetValue<string>());
        Assert.Equal(first["job"]!.GetValue<string>(), second["job"]!.GetValue<string>());
        Assert.Single(await host.JobsAsync());
    }

    private static Dictionary<string, string> LabelsOf(string body) =>
        JsonNode.Parse(body)!["alerts"]![0]!["labels"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
}
