using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Store;
using OpenFero.DaemonSet.Tests.Analysis;
using OpenFero.DaemonSet.Tests.Hosting;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>
/// <c>Runner__AnalyzeOnly=true</c> against the simulated cluster: the report goes to the termination message (outcome
/// <c>analyzed</c>), the log and one Normal Event, and nothing in the cluster changes, even where a remediation would act.
/// </summary>
public sealed class AnalysisOnlyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, VerdictCause> Scenarios { get; } = new()
    {
        { "insufficient-resources", "monitoring", "datadog-agent", VerdictCause.InsufficientResources },
        { "misscheduled", "kube-system", "cilium", VerdictCause.Misscheduled },
        { "stuck-rollout", "monitoring", "node-exporter", VerdictCause.OldPodsCannotRun },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task An_analysis_only_run_exits_0_analyzed_with_the_report_in_the_termination_message_one_event_and_nothing_changed(
        string scenario, string ns, string name, VerdictCause cause)
    {
        await using var cluster = await RemediationScenarioTests.StartAsync(scenario);
        var settled = await ClusterAnalysis.AnalyzeUntilAsync(cluster, ns, name,
            r => r.Verdict.Cause == cause && (cause == VerdictCause.OldPodsCannotRun || r.Pods.All(p => p.Condition is not (PodCondition.Starting or PodCondition.ContainerCreating))),
            $"the scenario to settle on {cause}");
        var pods = PodsAndDeletions(cluster, ns);
        var generation = DaemonSet(cluster, ns, name).Metadata.Generation;
        var message = DryRunTests.TerminationMessageFile();
        cluster.Requests.Reset();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, ns, name,
            ("Runner__AnalyzeOnly", "true"), ("Runner__AllowNamespaces", ns), ("Runner__TerminationMessagePath", message));

        Assert.Equal((RemediationResult.Analyzed, RemediationExit.Done), (outcome.Result, outcome.Exit));
        var writes = cluster.Requests.Snapshot().Keys.Where(k => k.Split(' ')[0] is "create" or "update" or "patch" or "delete" or "deletecollection").ToList();
        Assert.All(writes, write => Assert.Equal("create events", write));
        Assert.Equal(pods, PodsAndDeletions(cluster, ns));
        Assert.Equal(generation, DaemonSet(cluster, ns, name).Metadata.Generation);
        var written = await File.ReadAllTextAsync(message, Cancel);
        var lines = written.Split('\n');
        Assert.StartsWith($"analyzed: {ns}/{name}: {settled.Verdict.Summary} [{cause}]", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("; analysis only, nothing changed.", lines[0], StringComparison.Ordinal);
        Assert.Equal(["", $"DaemonSet {ns}/{name}"], lines[1..3]);
        Assert.Contains(lines, l => l.StartsWith("Pods:", StringComparison.Ordinal));
        Assert.Equal(RemediationResult.Analyzed, RemediationResults.FromTerminationMessage(written));
        var ending = Assert.Single(RunnerEvents(cluster, ns));
        Assert.Equal((OutcomeEvent.Analyzed, "Normal", "Analyze"), (ending.Reason, ending.Type, ending.Action));
        Assert.Equal($"Analyzed, nothing changed: {settled.Verdict.Summary}.", ending.Message);
    }

    [Fact]
    public async Task Analysis_only_with_misscheduled_deletions_is_a_configuration_error_naming_both_keys()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("misscheduled");
        var errors = new StringWriter();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, "kube-system", "cilium", errors,
            ("Runner__AnalyzeOnly", "true"), ("Runner__DeleteMisscheduledPods", "true"), ("Runner__AllowNamespaces", "kube-system"));

        Assert.Equal((RemediationResult.Error, RemediationExit.InvalidContext), (outcome.Result, outcome.Exit));
        Assert.Contains("Runner:DeleteMisscheduledPods needs Runner:AnalyzeOnly false: an analysis-only run changes nothing", errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(RunnerEvents(cluster, "kube-system"));
    }

    [Fact]
    public async Task An_analysis_only_dry_run_is_analyzed_and_writes_nothing_not_even_its_event()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("insufficient-resources");
        cluster.Requests.Reset();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, "monitoring", "datadog-agent", ("Runner__AnalyzeOnly", "true"), ("Runner__DryRun", "true"));

        Assert.Equal((RemediationResult.Analyzed, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.DoesNotContain(cluster.Requests.Snapshot().Keys, k => k.Split(' ')[0] is "create" or "update" or "patch" or "delete" or "deletecollection");
        Assert.Empty(RunnerEvents(cluster, "monitoring"));
    }

    [Fact]
    public async Task The_job_log_of_an_analysis_only_run_shows_the_report_as_the_analyze_verb_prints_it()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("insufficient-resources");
        var folder = Directory.CreateTempSubdirectory("openfero-analysis-log-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);

        var run = await ProgramRun.RunAsync("OpenFero.DaemonSet.dll", ["remediate"], new Dictionary<string, string>
        {
            ["OPENFERO_NAMESPACE"] = "monitoring",
            ["OPENFERO_DAEMONSET"] = "datadog-agent",
            ["Kubernetes__Kubeconfig"] = kubeconfig,
            ["Runner__TerminationMessagePath"] = Path.Combine(folder, "termination-log"),
            ["Runner__AnalyzeOnly"] = "true",
            ["Logging__Format"] = "text",
        });
        Directory.Delete(folder, recursive: true);

        Assert.True(run.Exit == 0, $"exit {run.Exit}:\n{run.Output}\n{run.Errors}");
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.EndsWith("Analysis of monitoring/datadog-agent (analysis only, nothing changed):", StringComparison.Ordinal));
        Assert.True(start >= 0, run.Output);
        Assert.Equal("DaemonSet monitoring/datadog-agent", lines[start + 1]);
        Assert.StartsWith("Verdict: ", lines[start + 2], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("RemediationAnalyzed: Analyzed, nothing changed: ", StringComparison.Ordinal));
    }

    private static V1DaemonSet DaemonSet(Simulation.Hosting.SimulatedCluster cluster, string ns, string name) =>
        cluster.Store.GetRequired(ResourceTypes.DaemonSets, ns, name).As<V1DaemonSet>();

    /// <summary>Each pod by uid, and whether its deletion was requested: a run that deletes nothing leaves both as they were.</summary>
    private static List<string> PodsAndDeletions(Simulation.Hosting.SimulatedCluster cluster, string ns) =>
        [.. RemediationScenarioTests.Pods(cluster, ns).Select(p => $"{p.Metadata.Uid} {p.Metadata.DeletionTimestamp is not null}").Order(StringComparer.Ordinal)];

    private static List<Corev1Event> RunnerEvents(Simulation.Hosting.SimulatedCluster cluster, string ns) =>
        [.. RemediationScenarioTests.Events(cluster, ns).Where(e => e.Source?.Component == DaemonSetEvents.Component)];
}
