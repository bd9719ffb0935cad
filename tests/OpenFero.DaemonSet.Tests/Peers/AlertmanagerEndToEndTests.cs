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
        await WaitUntilAsync(async () => (await host.JobsAsync()).Count > 0);
        await WaitUntilAsync(async () => await alertmanager.MetricAsync("alertmanager_notifications_total", "integration=\"webhook\"") >= 3);

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
        await WaitUntilAsync(async () => (await host.JobsAsync()).Count > 0);

        Assert.Single(await host.JobsAsync());
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_and_start_nothing()
    {
        await using var host = await ServerHost.StartClusterAsync();
        var server = await host.StartServerAsync("--Auth:Mode", "Bearer", "--Auth:Token", "s3cret");
        await using var alertmanager = await AlertmanagerProcess.StartAsync(Receiver(server), "http_config:\n  authorization: {type: Bearer, credentials: wrong}");

        await alertmanager.PostAlertAsync(RolloutStuck, TimeProvider.System.GetUtcNow().AddMinutes(-20));
        await WaitUntilAsync(async () => await alertmanager.MetricAsync("alertmanager_notifications_failed_total", "integration=\"webhook\"") >= 1);

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
        await WaitUntilAsync(async () => await alertmanager.MetricAsync("alertmanager_notifications_failed_total", "integration=\"webhook\"") >= 2);
        host.Cluster.Faults.Clear();
        await WaitUntilAsync(async () => (await host.JobsAsync()).Count > 0);
        await Task.Delay(TimeSpan.FromSeconds(4), Cancel);

        Assert.Single(await host.JobsAsync());
        Assert.True(host.Cluster.Faults.Injected >= 2);
    }

    private static string Receiver(HttpClient server) => new Uri(server.BaseAddress!, "/alerts").ToString();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 300 && !await condition(); attempt++)
        {
            await Task.Delay(100, Cancel);
        }
    }
}
