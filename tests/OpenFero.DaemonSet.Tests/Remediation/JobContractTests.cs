using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Faults;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;
using OpenFero.DaemonSet.Tests.Analysis;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>
/// The Job contract on every scenario of the simulated cluster: the outcome, the exit that follows from it, the
/// termination message <c>&lt;outcome&gt;: &lt;summary&gt;</c>, and the one outcome Event on the DaemonSet.
/// </summary>
public sealed class JobContractTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, VerdictCause, RemediationResult, string> Scenarios { get; } = new()
    {
        { "healthy", "monitoring", "node-exporter", VerdictCause.RolledOut, RemediationResult.RolledOut, "Normal" },
        { "stuck-rollout", "monitoring", "node-exporter", VerdictCause.OldPodsCannotRun, RemediationResult.RolledOut, "Normal" },
        { "broken-revision", "kube-system", "calico-node", VerdictCause.NewRevisionFailing, RemediationResult.Declined, "Warning" },
        { "tainted-node", "logging", "fluent-bit", VerdictCause.UntoleratedTaint, RemediationResult.RolledOut, "Normal" },
        { "misscheduled", "kube-system", "cilium", VerdictCause.Misscheduled, RemediationResult.Declined, "Warning" },
        { "autoscaler-false-alarm", "kube-system", "calico-node", VerdictCause.AutoscalerFalseAlarm, RemediationResult.Declined, "Normal" },
        { "on-delete", "kube-system", "kube-proxy", VerdictCause.OnDeleteWaiting, RemediationResult.Declined, "Warning" },
        { "insufficient-resources", "monitoring", "datadog-agent", VerdictCause.InsufficientResources, RemediationResult.Declined, "Warning" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Each_scenario_exits_0_with_its_outcome_in_the_termination_message_and_one_outcome_event(
        string scenario, string ns, string name, VerdictCause cause, RemediationResult expected, string eventType)
    {
        await using var cluster = await RemediationScenarioTests.StartAsync(scenario);
        await ClusterAnalysis.AnalyzeUntilAsync(cluster, ns, name,
            r => r.Verdict.Cause == cause && (cause == VerdictCause.OldPodsCannotRun || r.Pods.All(p => p.Condition is not (PodCondition.Starting or PodCondition.ContainerCreating))),
            $"the scenario to settle on {cause}");
        var message = DryRunTests.TerminationMessageFile();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, ns, name, ("Runner__AllowNamespaces", ns), ("Runner__TerminationMessagePath", message));

        Assert.Equal((expected, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.StartsWith($"{expected.WireName()}: {ns}/{name}: ", await File.ReadAllTextAsync(message, Cancel), StringComparison.Ordinal);
        Assert.Equal(expected, RemediationResults.FromTerminationMessage(await File.ReadAllTextAsync(message, Cancel)));
        var ending = Assert.Single(RunnerEvents(cluster, ns), e => e.Reason is OutcomeEvent.RolledOut or OutcomeEvent.Declined or OutcomeEvent.NotRolledOut or OutcomeEvent.Failed);
        Assert.Equal(
            (expected == RemediationResult.Declined ? OutcomeEvent.Declined : OutcomeEvent.RolledOut, eventType, expected == RemediationResult.Declined ? "Decline" : "Remediate"),
            (ending.Reason, ending.Type, ending.Action));
        Assert.StartsWith(expected == RemediationResult.Declined ? "Declined: " : "Rolled out", ending.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_event_names_the_daemonset_by_uid_and_resource_version_and_this_controller_with_its_action()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("stuck-rollout");
        var uid = DaemonSet(cluster).Metadata.Uid;

        await RemediationScenarioTests.RemediateAsync(cluster, "monitoring", "node-exporter");

        var events = RunnerEvents(cluster, "monitoring");
        Assert.Equal(["RemediationPlanned", "StuckPodDeleted", RemediationRunner.StepHelped, "RolloutComplete", OutcomeEvent.RolledOut], events.Select(e => e.Reason));
        Assert.Equal(["Analyze", "DeletePod", "WaitForRollout", "WaitForRollout", "Remediate"], events.Select(e => e.Action));
        Assert.All(events, e =>
        {
            Assert.Equal(("apps/v1", "DaemonSet", "node-exporter", "monitoring", uid), (e.InvolvedObject.ApiVersion, e.InvolvedObject.Kind, e.InvolvedObject.Name, e.InvolvedObject.NamespaceProperty, e.InvolvedObject.Uid));
            Assert.False(string.IsNullOrEmpty(e.InvolvedObject.ResourceVersion), $"{e.Reason} names the DaemonSet's resourceVersion");
            Assert.Equal((DaemonSetEvents.ReportingController, DaemonSetEvents.Component, "Normal"), (e.ReportingComponent, e.Source.Component, e.Type));
            Assert.False(string.IsNullOrEmpty(e.ReportingInstance), $"{e.Reason} names the reporting instance");
            Assert.NotNull(e.EventTime);
        });
    }

    [Fact]
    public async Task Kubernetes_failing_after_the_runner_changed_something_is_not_rolled_out_and_exits_1()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("stuck-rollout");
        // The rollout wait is the only list of DaemonSets: the stuck pod is deleted by then.
        cluster.Faults.Script(new FaultMatch("list", "daemonsets"), 4, new Fault.ServiceUnavailable());
        var message = DryRunTests.TerminationMessageFile();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, "monitoring", "node-exporter",
            ("Kubernetes__MaxRetryAttempts", "1"), ("Runner__TerminationMessagePath", message));

        Assert.Equal((RemediationResult.NotRolledOut, RemediationExit.NotRolledOut), (outcome.Result, outcome.Exit));
        var written = await File.ReadAllTextAsync(message, Cancel);
        Assert.StartsWith("notRolledOut: monitoring/node-exporter: ", written, StringComparison.Ordinal);
        Assert.Contains("Not rolled out: Kubernetes failed after deleted 1 stuck pod(s)", written, StringComparison.Ordinal);
        var ending = Assert.Single(RunnerEvents(cluster, "monitoring"), e => e.Reason == OutcomeEvent.NotRolledOut);
        Assert.Equal("Warning", ending.Type);
    }

    [Fact]
    public async Task Kubernetes_failing_before_the_runner_changed_anything_is_an_error_exiting_3()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("stuck-rollout");
        cluster.Faults.Script(new FaultMatch("get", "daemonsets"), 2, new Fault.ServiceUnavailable());
        var message = DryRunTests.TerminationMessageFile();
        var errors = new StringWriter();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, "monitoring", "node-exporter", errors,
            ("Kubernetes__MaxRetryAttempts", "1"), ("Runner__TerminationMessagePath", message));

        Assert.Equal((RemediationResult.Error, RemediationExit.KubernetesUnavailable), (outcome.Result, outcome.Exit));
        Assert.StartsWith("error: Kubernetes could not be reached or refused before anything was changed: ", await File.ReadAllTextAsync(message, Cancel), StringComparison.Ordinal);
        Assert.Contains("Kubernetes could not be reached", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal("Warning", Assert.Single(RunnerEvents(cluster, "monitoring")).Type);
    }

    [Fact]
    public async Task A_dry_run_of_a_declined_plan_is_a_dry_run_and_writes_no_event()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("on-delete");
        var message = DryRunTests.TerminationMessageFile();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, "kube-system", "kube-proxy",
            ("Runner__AllowNamespaces", "kube-system"), ("Runner__DryRun", "true"), ("Runner__TerminationMessagePath", message));

        Assert.Equal((RemediationResult.DryRun, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.StartsWith("dryRun: dry run, nothing done: kube-system/kube-proxy: ", await File.ReadAllTextAsync(message, Cancel), StringComparison.Ordinal);
        Assert.Empty(RunnerEvents(cluster, "kube-system"));
    }

    private static V1DaemonSet DaemonSet(SimulatedCluster cluster) =>
        cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").As<V1DaemonSet>();

    private static List<Corev1Event> RunnerEvents(SimulatedCluster cluster, string ns) =>
        [.. RemediationScenarioTests.Events(cluster, ns).Where(e => e.Source?.Component == DaemonSetEvents.Component).OrderBy(e => long.Parse(e.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture))];
}
