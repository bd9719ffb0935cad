using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Analysis;

public sealed class AnalysisSurfaceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Endpoint_serves_json_and_text_and_a_missing_daemonset_is_404()
    {
        await using var host = await ServerHost.StartClusterAsync("tainted-node");
        var server = await host.StartServerAsync();

        var json = JsonNode.Parse(await server.GetStringAsync(new Uri("/api/daemonsets/logging/fluent-bit/analysis", UriKind.Relative), Cancel))!;
        var text = await server.GetStringAsync(new Uri("/api/daemonsets/logging/fluent-bit/analysis?format=text", UriKind.Relative), Cancel);
        var missing = await server.GetAsync(new Uri("/api/daemonsets/logging/nope/analysis", UriKind.Relative), Cancel);

        Assert.Equal("fluent-bit", json["name"]!.GetValue<string>());
        Assert.Equal(3, json["status"]!["desired"]!.GetValue<int>());
        Assert.StartsWith("DaemonSet logging/fluent-bit\nVerdict: ", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("daemonset logging/nope not found", await missing.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_cluster_is_503_not_500()
    {
        await using var host = await ServerHost.StartClusterAsync("tainted-node");
        var server = await host.StartServerAsync("--Kubernetes:MaxRetryAttempts", "1", "--Kubernetes:RetryBaseDelay", "00:00:00.010");
        host.Cluster.Faults.InjectRate(1.0, new OpenFero.DaemonSet.Simulation.Faults.Fault.ServiceUnavailable(), new OpenFero.DaemonSet.Simulation.Faults.FaultMatch("get", "daemonsets"));

        var response = await server.GetAsync(new Uri("/api/daemonsets/logging/fluent-bit/analysis", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task An_unexpected_answer_from_Kubernetes_is_503_naming_it_not_500()
    {
        await using var host = await ServerHost.StartClusterAsync("tainted-node");
        var server = await host.StartServerAsync();
        host.Cluster.Faults.InjectRate(1.0, new OpenFero.DaemonSet.Simulation.Faults.Fault.Conflict(), new OpenFero.DaemonSet.Simulation.Faults.FaultMatch("get", "daemonsets"));

        var response = await server.GetAsync(new Uri("/api/daemonsets/logging/fluent-bit/analysis", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Conflict", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_message_matches_what_real_kubectl_prints_for_the_same_object()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "stuck-rollout" }, Cancel);
        var kubeconfig = Path.GetTempFileName();
        cluster.WriteKubeconfig(kubeconfig);
        var kubectl = OpenFero.DaemonSet.Tests.Peers.PeerBinary.Require("kubernetes-client", "kubectl");

        var report = await ClusterAnalysis.AnalyzeUntilAsync(cluster, "monitoring", "node-exporter", r => r.Status is { Desired: 4 } s && s.ObservedGeneration == s.Generation,
            "the DaemonSet controller to have written the status of the stuck rollout");
        using var process = Process.Start(new ProcessStartInfo(kubectl, $"--kubeconfig {kubeconfig} --cache-dir {Path.GetTempPath()}/kubectl-analysis rollout status daemonset/node-exporter -n monitoring --watch=false")
        {
            RedirectStandardOutput = true,
        })!;
        var printed = await process.StandardOutput.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);

        Assert.Equal(printed.TrimEnd('\n'), report.Rollout!.Message);
        File.Delete(kubeconfig);
    }

    [Fact]
    public void Spec_not_observed_comes_before_anything_else()
    {
        var snapshot = Snapshots.Of(Snapshots.DaemonSet(generation: 3, observedGeneration: 2));

        var report = DaemonSetAnalyzer.Analyze(snapshot, new AnalysisOptions(), Snapshots.Now);

        Assert.Equal(VerdictCause.SpecNotObserved, report.Verdict.Cause);
        Assert.Equal("Waiting for daemon set spec update to be observed...", report.Rollout!.Message);
    }

    [Fact]
    public void Host_port_taken_by_another_pod_is_named()
    {
        var ds = Snapshots.DaemonSet();
        var waiting = Snapshots.PendingDaemonPod(ds, "node-1", "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.");
        var squatter = Snapshots.PodWithHostPort("node-1", 9100);
        var snapshot = Snapshots.Of(ds, [waiting], [squatter]);

        var report = DaemonSetAnalyzer.Analyze(snapshot, new AnalysisOptions(), Snapshots.Now);

        Assert.Equal(VerdictCause.HostPortConflict, report.Verdict.Cause);
        Assert.Equal("agent pod on node-1 Pending: host port already taken by default/squatter", report.Verdict.Summary);
    }

    [Fact]
    public void Switching_a_workflow_off_leaves_its_section_out()
    {
        var options = new AnalysisOptions();
        options.DaemonsetPodAnalysis.Enabled = false;
        options.DaemonsetHealthAnalysis.Enabled = false;
        options.DaemonsetMisscheduledAnalysis.IncludeNodeInfo = false;
        var ds = Snapshots.DaemonSet();

        var report = DaemonSetAnalyzer.Analyze(Snapshots.Of(ds, [Snapshots.PendingDaemonPod(ds, "node-1", "x")]), options, Snapshots.Now);

        Assert.Empty(report.Pods);
        Assert.Empty(report.Health);
        Assert.NotNull(report.Status);
    }

    [Fact]
    public async Task Analyze_verb_prints_the_report_and_exits_3_for_a_missing_daemonset()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "tainted-node" }, Cancel);
        var kubeconfig = Path.GetTempFileName();
        cluster.WriteKubeconfig(kubeconfig);
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var found = await AnalyzeAsync(["analyze", "--namespace", "logging", "--daemonset", "fluent-bit", "--kubeconfig", kubeconfig], output, errors);
        var missing = await AnalyzeAsync(["analyze", "--namespace", "logging", "--daemonset", "nope", "--kubeconfig", kubeconfig], output, errors);
        var badArgs = await AnalyzeAsync(["analyze", "--namespace", "logging"], output, errors);

        Assert.Equal((0, 3, 2), (found, missing, badArgs));
        Assert.Contains("DaemonSet logging/fluent-bit", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("daemonset logging/nope not found", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("--daemonset", errors.ToString(), StringComparison.Ordinal);
        File.Delete(kubeconfig);
    }

    /// <summary>The analyze verb as the executable runs it, its report and errors written to the given writers.</summary>
    private static Task<int> AnalyzeAsync(string[] args, TextWriter output, TextWriter errors) =>
        CommandLineInvocation.RunAsync(new RootCommand { AnalyzeCommand.Create() }, args, output: output, error: errors);
}
