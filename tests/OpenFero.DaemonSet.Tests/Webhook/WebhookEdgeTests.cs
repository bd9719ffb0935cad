using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class WebhookEdgeTests
{
    private static readonly AuthenticationHeaderValue Bearer = new("Bearer", "s3cret");
    private static readonly AuthenticationHeaderValue Basic = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alertmanager:pa55")));

    [Fact]
    public async Task Bearer_token_is_required_when_configured_and_health_probes_stay_open()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Auth:Mode", "Bearer", "--Auth:Token", "s3cret");

        var accepted = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json", Bearer);
        var wrong = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json", new AuthenticationHeaderValue("Bearer", "s3cre7"));
        var missing = await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");
        var metrics = await server.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var health = await server.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Bearer realm=\"openfero\"", wrong.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Basic_credentials_from_a_mounted_file_are_accepted_and_wrong_ones_refused()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var secret = Path.GetTempFileName();
        await File.WriteAllTextAsync(secret, "pa55\n", TestContext.Current.CancellationToken);
        var server = await host.StartServerAsync("--Auth:Mode", "Basic", "--Auth:Username", "alertmanager", "--Auth:PasswordFile", secret);

        var accepted = await server.PostFixtureAsync("kube-daemonset-misscheduled.grouped-truncated.json", Basic);
        var wrong = await server.PostFixtureAsync("kube-daemonset-misscheduled.grouped-truncated.json",
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alertmanager:nope"))));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Basic realm=\"openfero\"", wrong.Headers.WwwAuthenticate.ToString());
        File.Delete(secret);
    }

    [Fact]
    public void Bearer_mode_without_a_token_stops_start_up_naming_the_key()
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
        {
            using var app = OpenFero.DaemonSet.Hosting.ServerApp.Build(["--urls", "http://127.0.0.1:0", "--Auth:Mode", "Bearer"]);
            app.StartAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        });

        Assert.Contains("Auth:Token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_bodies_get_the_right_4xx_with_problem_details_never_a_500()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Webhook:MaxBodyBytes", "4096");
        var cancel = TestContext.Current.CancellationToken;

        var wrongType = await server.PostAsync(new Uri("/alerts", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "text/plain"), cancel);
        var tooLarge = await server.PostJsonAsync("{\"version\":\"4\",\"alerts\":[],\"pad\":\"" + new string('x', 5000) + "\"}");
        var malformed = await server.PostJsonAsync("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",");
        var invalid = await server.PostJsonAsync("""
            {"version":"4","alerts":[
              {"status":"firing","labels":{"alertname":"A"},"startsAt":"2026-11-22T22:38:45Z","fingerprint":"a"},
              {"status":"firing","labels":{"alertname":"B"},"startsAt":"2026-11-22T22:38:45Z","fingerprint":"b"},
              {"status":"exploded","labels":{"namespace":"x"},"startsAt":"2026-11-22T22:38:45Z"}]}
            """);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("line 1", (await malformed.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.JsonAsync())["errors"]!.AsObject();
        Assert.Contains("alerts[2].labels.alertname", errors.Select(e => e.Key));
        Assert.Contains("alerts[2].status", errors.Select(e => e.Key));
        Assert.DoesNotContain("alerts[2].fingerprint", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Health_metrics_and_openapi_are_served()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync();
        var cancel = TestContext.Current.CancellationToken;
        await server.PostFixtureAsync("kube-daemonset-rollout-stuck.firing.json");

        var ready = await server.GetAsync(new Uri("/readyz", UriKind.Relative), cancel);
        var metrics = await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancel);
        var openApi = await server.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), cancel);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("openfero_alerts_received_total{outcome=\"jobCreated\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("openfero_jobs_created_total 1", metrics, StringComparison.Ordinal);
        Assert.Contains("openfero_webhook_duration_seconds_count 1", metrics, StringComparison.Ordinal);
        Assert.Contains("\"/alerts\"", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/remediations", openApi, StringComparison.Ordinal);
    }
}
