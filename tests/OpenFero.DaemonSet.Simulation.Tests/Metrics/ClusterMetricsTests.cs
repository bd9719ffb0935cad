using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using OpenFero.DaemonSet.Simulation.Metrics;
using OpenFero.DaemonSet.Simulation.Tests.Controllers;

namespace OpenFero.DaemonSet.Simulation.Tests.Metrics;

/// <summary>
/// The pod series of <c>/metrics</c> as kube-state-metrics and cAdvisor expose them: consistent with the pods'
/// restart counts and limits and with the usage metrics.k8s.io reports, counters growing with the simulation's clock.
/// </summary>
public sealed partial class ClusterMetricsTests
{
    private const string Ns = "kube-system";

    [Fact]
    public async Task A_crash_looping_pods_restarts_grow_and_every_pod_has_its_owner_and_limits()
    {
        await using var run = new ScenarioRun("broken-revision");
        run.RunFor(TimeSpan.FromSeconds(30));
        var crashing = run.Pods(Ns).Single(p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "CrashLoopBackOff");

        var first = Series(Render(run));
        run.RunFor(TimeSpan.FromSeconds(30));
        var later = Series(Render(run));

        var restarts = $"kube_pod_container_status_restarts_total{{namespace=\"{Ns}\",pod=\"{crashing.Metadata.Name}\",uid=\"{crashing.Metadata.Uid}\",container=\"calico-node\"}}";
        Assert.True(first[restarts] >= 1, $"restarts {first[restarts]}");
        Assert.True(later[restarts] >= first[restarts] + 2, $"restarts {first[restarts]} then {later[restarts]}");
        Assert.Equal(run.Pods(Ns).Single(p => p.Metadata.Uid == crashing.Metadata.Uid).Status.ContainerStatuses[0].RestartCount, (int)later[restarts]);
        foreach (var pod in run.Pods(Ns))
        {
            var labels = $"namespace=\"{Ns}\",pod=\"{pod.Metadata.Name}\",uid=\"{pod.Metadata.Uid}\"";
            Assert.Equal(1, later[$"kube_pod_owner{{{labels},owner_kind=\"DaemonSet\",owner_name=\"calico-node\",owner_is_controller=\"true\"}}"]);
            Assert.Equal(128m * 1024 * 1024, later[$"kube_pod_container_resource_limits{{{labels},container=\"calico-node\",node=\"{pod.Spec.NodeName}\",resource=\"memory\",unit=\"byte\"}}"]);
            Assert.Equal(0.25m, later[$"kube_pod_container_resource_limits{{{labels},container=\"calico-node\",node=\"{pod.Spec.NodeName}\",resource=\"cpu\",unit=\"core\"}}"]);
        }
    }

    [Fact]
    public async Task Running_containers_report_the_metrics_api_usage_and_cfs_counters_that_grow_with_the_clock_throttled_as_the_scenario_says()
    {
        await using var run = new ScenarioRun("broken-revision");
        run.RunFor(TimeSpan.FromSeconds(30));
        var usage = new ResourceMetrics(run.Store, run.Scenario);
        var runningPods = run.Pods(Ns).Where(p => usage.Containers(p).Any()).ToList();

        var first = Series(Render(run));
        run.RunFor(TimeSpan.FromSeconds(10));
        var later = Series(Render(run));

        Assert.Equal(2, runningPods.Count);
        foreach (var pod in runningPods)
        {
            var labels = $"namespace=\"{Ns}\",pod=\"{pod.Metadata.Name}\",container=\"calico-node\",node=\"{pod.Spec.NodeName}\"";
            var metricsApi = usage.Pods(Ns).Single(m => m["metadata"]!["name"]!.GetValue<string>() == pod.Metadata.Name)["containers"]![0]!["usage"]!["memory"]!.GetValue<string>();
            Assert.Equal(new ResourceQuantity(metricsApi).ToDecimal(), later[$"container_memory_working_set_bytes{{{labels}}}"]);
            Assert.Equal(later[$"container_memory_working_set_bytes{{{labels}}}"],
                later[$"container_memory_working_set_bytes{{namespace=\"{Ns}\",pod=\"{pod.Metadata.Name}\",container=\"\",node=\"{pod.Spec.NodeName}\"}}"]);
            var periods = later[$"container_cpu_cfs_periods_total{{{labels}}}"] - first[$"container_cpu_cfs_periods_total{{{labels}}}"];
            var throttled = later[$"container_cpu_cfs_throttled_periods_total{{{labels}}}"] - first[$"container_cpu_cfs_throttled_periods_total{{{labels}}}"];
            Assert.InRange(periods, 99, 103);
            Assert.InRange(throttled / periods, 0.38m, 0.42m);
            Assert.True(later[$"container_cpu_usage_seconds_total{{{labels}}}"] > first[$"container_cpu_usage_seconds_total{{{labels}}}"]);
        }

        Assert.DoesNotContain(later.Keys, k => k.StartsWith("container_", StringComparison.Ordinal) && runningPods.TrueForAll(p => !k.Contains(p.Metadata.Name, StringComparison.Ordinal)));
    }

    private static string Render(ScenarioRun run) => ClusterMetrics.Render(run.Store, new ResourceMetrics(run.Store, run.Scenario));

    private static Dictionary<string, decimal> Series(string text) =>
        SampleLine().Matches(text).ToDictionary(m => m.Groups["series"].Value, m => decimal.Parse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<series>[a-z_]+\{[^}]*\}) (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
