using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Webhook;

public sealed class DeliveryConcurrencyTests
{
    [Fact]
    public async Task Remediations_at_once_stay_within_the_delivery_cap_and_the_server_cap()
    {
        await using var host = await ServerHost.StartClusterAsync();
        PeakCountingRemediator? counting = null;
        await using var server = await ServerWithServices.StartAsync(
            host,
            // Many DaemonSets remediated at once: no remediation Job limit here (Remediation:MaxConcurrent).
            ["--Webhook:MaxConcurrentRemediationsPerDelivery", "4", "--Webhook:MaxConcurrentRemediations", "6", "--Webhook:AnswerTimeout", "00:00:30", "--Remediation:MaxConcurrent", "100"],
            services => services.AddSingleton<IAlertRemediator>(p => counting = new PeakCountingRemediator(ActivatorUtilities.CreateInstance<AlertRemediator>(p))));
        host.Cluster.Faults.InjectRate(1.0, new Fault.Latency(TimeSpan.FromMilliseconds(100)), new FaultMatch("create", "jobs"));

        var answers = await Task.WhenAll(new[] { "a", "b", "c" }.Select(group => server.Client.PostJsonAsync(ManyAlerts.Delivery(group, 12))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(36, (await host.JobsAsync()).Count);
        Assert.InRange(counting!.Peak, 1, 6);
        Assert.All(counting.PeakPerDelivery.Values, peak => Assert.InRange(peak, 1, 4));
    }

    [Fact]
    public async Task A_delivery_that_outlasts_the_answer_timeout_answers_503_and_its_redelivery_makes_exactly_one_job_per_alert()
    {
        await using var host = await ServerHost.StartClusterAsync();
        await using var server = await ServerWithServices.StartAsync(
            host, ["--Webhook:MaxConcurrentRemediationsPerDelivery", "2", "--Webhook:AnswerTimeout", "00:00:01.500", "--Remediation:MaxConcurrent", "100"]);
        host.Cluster.Faults.InjectRate(1.0, new Fault.Latency(TimeSpan.FromMilliseconds(300)), new FaultMatch("create", "jobs"));
        var delivery = ManyAlerts.Delivery("slow", 20);

        var first = await server.Client.PostJsonAsync(delivery);
        var firstOutcomes = (await first.JsonAsync())["alerts"]!.AsArray().Select(a => a!["outcome"]!.GetValue<string>()).ToList();
        host.Cluster.Faults.Clear();
        // Redelivered as Alertmanager would, until one delivery is answered 202.
        var last = await Eventually.ReachesAsync(() => server.Client.PostJsonAsync(delivery), answer => answer.StatusCode == HttpStatusCode.Accepted,
            "a redelivery of the 20 alerts to be accepted", describe: answer => $"{(int)answer.StatusCode} {answer.StatusCode}");

        var again = await server.Client.PostJsonAsync(delivery);
        var jobs = await host.JobsAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.NotNull(first.Headers.RetryAfter);
        Assert.Equal(20, firstOutcomes.Count);
        Assert.Contains("unavailable", firstOutcomes);
        Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
        Assert.Equal(20, jobs.Count);
        Assert.Equal(20, jobs.Select(j => j.Metadata.Name).Distinct().Count());
        Assert.All((await again.JsonAsync())["alerts"]!.AsArray(), a => Assert.Equal("deduplicated", a!["outcome"]!.GetValue<string>()));
    }
}
