using Microsoft.Extensions.Time.Testing;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Tests.Analysis;

namespace OpenFero.DaemonSet.Tests.Golden;

/// <summary>
/// For each playground scenario, what a person is shown: the analysis report as JSON and as text, and the plan the
/// runner would follow. The cluster runs on a fixed fake clock, stepped, with seeded names, so every run produces
/// the same objects at the same times and nothing in the outputs needs normalising.
/// </summary>
public sealed class ScenarioGoldenTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    // Long enough for every scenario to reach the state it is about (a rollout done, a pod overdue in Terminating,
    // a crash loop in back-off); the ages in the outputs count from here.
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(5);

    // large-5000 is the scale scenario: its report is 5,000 identical pod lines, which no reviewer reads.
    public static TheoryData<string, string, string> Scenarios { get; } = new()
    {
        { "healthy", "monitoring", "node-exporter" },
        { "stuck-rollout", "monitoring", "node-exporter" },
        { "broken-revision", "kube-system", "calico-node" },
        { "broken-revision-and-autoscaler", "kube-system", "calico-node" },
        { "autoscaler-false-alarm", "kube-system", "calico-node" },
        { "misscheduled", "kube-system", "cilium" },
        { "tainted-node", "logging", "fluent-bit" },
        { "on-delete", "kube-system", "kube-proxy" },
        { "insufficient-resources", "monitoring", "datadog-agent" },
        { "quota-exhausted", "logging", "promtail" },
        { "restart-does-not-help", "logging", "fluent-bit" },
    };

    [Fact]
    public void Every_scenario_but_the_scale_one_has_golden_files() =>
        Assert.Equal(
            OpenFero.DaemonSet.Simulation.Scenarios.ScenarioCatalog.Names.Where(n => n != "large-5000").Order(StringComparer.Ordinal),
            Scenarios.Select(row => row.Data.Item1).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Analysis_and_plan_read_as_their_golden_files(string scenario, string ns, string name)
    {
        var time = new FakeTimeProvider(Start);
        await using var cluster = await SimulatedCluster.StartAsync(
            new SimulatedClusterOptions { Scenario = scenario, Time = time, StepControllers = true, NameSeed = 1 }, TestContext.Current.CancellationToken);
        for (var elapsed = TimeSpan.Zero; elapsed < Settle; elapsed += ClusterControllers.Tick)
        {
            cluster.Controllers!.ReconcileOnce();
            time.Advance(ClusterControllers.Tick);
        }

        var report = await ClusterAnalysis.AnalyzeAsync(cluster, ns, name);
        var plan = RemediationPlanner.Plan(report, new RemediationPolicy());

        GoldenFile.Matches($"{scenario}.analysis.json", ReportRendering.ToJson(report) + "\n");
        GoldenFile.Matches($"{scenario}.analysis.txt", ReportRendering.ToText(report));
        GoldenFile.Matches($"{scenario}.plan.txt", PlanText.Paragraph(new DaemonSetTarget(ns, name), report, plan) + "\n");
    }
}
