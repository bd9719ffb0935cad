using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Peers;

/// <summary>Debian's real Alertmanager 0.25 delivering to the server, which acts on the simulated cluster.</summary>
public sealed class AlertmanagerEndToEndTests
{
    private static readonly Dictionary<string, string> RolloutStuck = new()
    {
        ["alertname"] = "KubeDaemonSetRolloutStuck",
        ["namespace"] = "monitoring",
        ["daemonset"] = "node-exporter",
        ["job"] = "kube-state-metrics",
        ["container"] = "kube-state-metrics",
        ["severity"] = "warning",
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bearer_delivery_and_its_re_sends_make_one_job()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Auth:Mode", "Bearer", "--Auth:Token", "s3cret");
        await using var alertmanager = await AlertmanagerProcess.StartAsync(Receiver(server), "http_config:\n  authorization: {type: Bearer, credentials: s3cret}");

        await alertmanager.PostAlertAsync(RolloutStuck, TimeProvider.System.GetUtcNow().AddMinutes(-20));
        await Eventually.HoldsAsync(async () => (await host.JobsAsync()).Count > 0, "the delivery to start a Job");
        await Eventually.HoldsAsync(async () => await alertmanager.MetricAsync("alertmanager_notifications_total", "integration=\"webhook\"") >= 3,
            "Alertmanager to deliver the alert three times");

        Assert.Single(await host.JobsAsync());
        Assert.Equal(0, await alertmanager.MetricAsync("alertmanager_notifications_failed_total", "integration=\"webhook\""));
    }

    [Fact]
    public async Task Basic_auth_delivery_is_accepted()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Auth:Mode", "Basic", "--Auth:Username", "alertmanager", "--Auth:Password", "pa55");
        await using var alertmanager = await AlertmanagerProcess.StartAsync(Receiver(server), "http_config:\n  basic_auth: {username: alertmanager, password: pa55}");

        await alertmanager.PostAlertAsync(RolloutStuck, TimeProvider.System.GetUtcNow().AddMinutes(-20));
        await Eventually.HoldsAsync(async () => (await host.JobsAsync()).Count > 0, "the delivery with basic auth to start a Job");

        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_and_start_nothing()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Auth:Mode", "Bearer", "--Auth:Token", "s3cret");
        await using var alertmanager = await AlertmanagerProcess.StartAsync(Receiver(server), "http_config:\n  authorization: {type: Bearer, credentials: wrong}");

        await alertmanager.PostAlertAsync(RolloutStuck, TimeProvider.System.GetUtcNow().AddMinutes(-20));
        await Eventually.HoldsAsync(async () => await alertmanager.MetricAsync("alertmanager_notifications_failed_total", "integration=\"webhook\"") >= 1,
            "Alertmanager to count the refused delivery as failed");

        Assert.True(await alertmanager.MetricAsync("alertmanager_notifications_failed_total", "integration=\"webhook\"") >= 1, alertmanager.Output);
        Assert.Empty(await host.JobsAsync());
    }

    [Fact]
    public async Task Outage_then_recovery_ends_with_exactly_one_job_through_alertmanagers_own_retries()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Kubernetes:RetryBaseDelay", "00:00:00.010", "--Kubernetes:MaxRetryAttempts", "1", "--Webhook:AnswerTimeout", "00:00:02");
        host.Cluster.Faults.InjectRate(1.0, new Fault.ServiceUnavailable(), new FaultMatch("create", "jobs"));
        await using var alertmanager = await AlertmanagerProcess.StartAsync(Receiver(server));

        await alertmanager.PostAlertAsync(RolloutStuck, TimeProvider.System.GetUtcNow().AddMinutes(-20));
        await Eventually.HoldsAsync(async () => await alertmanager.MetricAsync("alertmanager_notifications_failed_total", "integration=\"webhook\"") >= 2,
            "two deliveries to fail during the outage");
        host.Cluster.Faults.Clear();
        await Eventually.HoldsAsync(async () => (await host.JobsAsync()).Count > 0, "a delivery after the recovery to start a Job");
        // Alertmanager keeps re-sending the firing alert: two more deliveries after the Job exists must not double it.
        var delivered = await alertmanager.MetricAsync("alertmanager_notifications_total", "integration=\"webhook\"");
        await Eventually.HoldsAsync(async () => await alertmanager.MetricAsync("alertmanager_notifications_total", "integration=\"webhook\"") >= delivered + 2,
            "Alertmanager to re-send the alert twice after the Job was created");

        Assert.Single(await host.JobsAsync());
        Assert.True(host.Cluster.Faults.Injected >= 2);
    }

    private static string Receiver(HttpClient server) => new Uri(server.BaseAddress!, "/alerts").ToString();
}
