using System.Net;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Simulation.Api.Strategies;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Scenarios;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Simulation.Tests.Controllers;

/// <summary>
/// A simulated controller that stops making progress must be impossible to miss: one controller's failure
/// does not stop the others, and a hung or always-failing controller is logged and fails the health check.
/// </summary>
public sealed class ControllerStallTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_controller_that_fails_every_pass_does_not_hold_up_the_jobs_and_is_reported_stalled()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await SimulatedCluster.StartAsync(
            new SimulatedClusterOptions { Scenario = "healthy", ControllerStallBound = TimeSpan.FromSeconds(2), Time = time }, Cancel);
        cluster.JobHandlers.Register("busybox", (_, _) => Task.FromResult(0));
        using var client = new k8s.Kubernetes(cluster.ClientConfiguration());
        using var http = new HttpClient { BaseAddress = cluster.BaseAddress };

        // The DaemonSet's namespace is deleted under it (the simulation does not cascade): every pass the
        // DaemonSet controller tries to replace a pod there, and the store answers 404.
        await client.CoreV1.DeleteNamespaceAsync("monitoring", cancellationToken: Cancel);
        var pod = (await client.CoreV1.ListNamespacedPodAsync("monitoring", cancellationToken: Cancel)).Items.First();
        await client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, "monitoring", gracePeriodSeconds: 0, cancellationToken: Cancel);
        await client.BatchV1.CreateNamespacedJobAsync(TrivialJob("after-the-namespace"), "openfero", cancellationToken: Cancel);

        await Eventually.HoldsAsync(() => AdvanceUntilAsync(time, async () => (await client.BatchV1.ReadNamespacedJobAsync("after-the-namespace", "openfero", cancellationToken: Cancel))
            .Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true), "the Job to complete while the DaemonSet controller fails");
        await Eventually.HoldsAsync(() => AdvanceUntilAsync(time, async () => await HealthzAsync(http) is (HttpStatusCode.ServiceUnavailable, var body) && body.Contains("daemonset", StringComparison.Ordinal)),
            "/simulation/healthz to report the DaemonSet controller stalled");
        var (_, report) = await HealthzAsync(http);
        Assert.Contains("no pass has completed", report, StringComparison.Ordinal);
        Assert.DoesNotContain("kubelet", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hung_controller_pass_is_logged_and_fails_the_health_check_until_it_completes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new ClusterStore(time).WithApiServerStrategies();
        var scenario = ScenarioCatalog.Load("healthy");
        scenario.ApplyTo(store);
        var log = new LogLines();
        await using var controllers = new ClusterControllers(store, time, scenario, new JobHandlerRegistry(), log, TimeSpan.FromSeconds(30));

        var hold = controllers.Hold("kubelet");
        controllers.Start();
        await Eventually.HoldsAsync(() => AdvanceUntil(time, () => controllers.Health.RunningPass == "kubelet"), "a kubelet pass to start and hang");
        time.Advance(TimeSpan.FromSeconds(31));

        Assert.IsType<ProblemHttpResult>(SimulationHealthApi.Healthz(controllers).Result);
        Assert.Equal("kubelet", Assert.Single(controllers.Health.Stalled()).Controller);
        await Eventually.HoldsAsync(() => Task.FromResult(log.Contains(LogLevel.Error, "Simulated kubelet is stalled")), "an error line naming the kubelet");

        hold.Dispose();
        await Eventually.HoldsAsync(() => AdvanceUntil(time, () => controllers.Health.Stalled().Count == 0), "every controller to complete a pass again");
        await Eventually.HoldsAsync(() => AdvanceUntil(time, () => log.Contains(LogLevel.Information, "Simulated kubelet completes its passes again")), "the recovery line");
    }

    /// <summary>One look at <paramref name="condition"/>; when it does not hold yet, the simulated time moves on by one controller tick.</summary>
    private static async Task<bool> AdvanceUntilAsync(FakeTimeProvider time, Func<Task<bool>> condition)
    {
        if (await condition())
        {
            return true;
        }

        time.Advance(ClusterControllers.Tick);
        return false;
    }

    private static Task<bool> AdvanceUntil(FakeTimeProvider time, Func<bool> condition)
    {
        if (condition())
        {
            return Task.FromResult(true);
        }

        time.Advance(ClusterControllers.Tick);
        return Task.FromResult(false);
    }

    private static async Task<(HttpStatusCode, string)> HealthzAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/simulation/healthz", UriKind.Relative), Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    private static V1Job TrivialJob(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1JobSpec
        {
            BackoffLimit = 0,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
            },
        },
    };

    /// <summary>The controllers' log lines, kept to be read by the test.</summary>
    private sealed class LogLines : ILogger
    {
        private readonly List<(LogLevel Level, string Message)> lines = [];

        public bool Contains(LogLevel level, string text)
        {
            lock (lines)
            {
                return lines.Any(l => l.Level == level && l.Message.Contains(text, StringComparison.Ordinal));
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
