using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;
using OpenFero.DaemonSet.Tests.Analysis;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>The remediate verb against each scenario of the simulated cluster: what it chose, deleted and wrote.</summary>
public sealed class RemediationScenarioTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stuck_rollout_force_deletes_only_the_stuck_old_pod_and_waits_for_the_rollout()
    {
        await using var cluster = await StartAsync("stuck-rollout");
        var runningBefore = Pods(cluster, "monitoring").Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Metadata.Uid).ToList();

        var outcome = await RemediateAsync(cluster, "monitoring", "node-exporter");

        Assert.Equal((RemediationResult.RolledOut, RemediationExit.Done), (outcome.Result, outcome.Exit));
        var removedByRunner = Events(cluster, "monitoring").Where(e => e.Reason == "StuckPodDeleted").ToList();
        Assert.Single(removedByRunner);
        Assert.Contains("on node-2 (TerminatingTooLong, forced", removedByRunner[0].Message, StringComparison.Ordinal);
        var ds = cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").As<V1DaemonSet>();
        Assert.Equal(4, ds.Status.UpdatedNumberScheduled);
        Assert.False(ds.Spec.Template.Metadata.Annotations?.ContainsKey("kubectl.kubernetes.io/restartedAt") == true);
        Assert.Contains(Events(cluster, "monitoring"), e => e.Reason == "RolloutComplete" && e.Message == "daemon set \"node-exporter\" successfully rolled out");
        Assert.Equal(3, runningBefore.Count);
    }

    [Fact]
    public async Task Broken_revision_is_reported_not_restarted()
    {
        await using var cluster = await StartAsync("broken-revision");
        await CrashLoopingAsync(cluster);
        var generation = cluster.Store.GetRequired(ResourceTypes.DaemonSets, "kube-system", "calico-node").As<V1DaemonSet>().Metadata.Generation;

        var outcome = await RemediateAsync(cluster, "kube-system", "calico-node", ("Runner__AllowNamespaces", "kube-system"));

        Assert.Equal((RemediationResult.Declined, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Equal(generation, cluster.Store.GetRequired(ResourceTypes.DaemonSets, "kube-system", "calico-node").As<V1DaemonSet>().Metadata.Generation);
        var declined = Assert.Single(Events(cluster, "kube-system"), e => e.Reason == OutcomeEvent.Declined);
        Assert.Equal("Warning", declined.Type);
        Assert.StartsWith("Declined: new revision crash-looping on 1/1 updated pods (node-1)", declined.Message, StringComparison.Ordinal);
        Assert.EndsWith("kubectl rollout undo daemonset/calico-node -n kube-system.", declined.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_revision_is_rolled_back_when_undo_is_allowed()
    {
        await using var cluster = await StartAsync("broken-revision");
        await CrashLoopingAsync(cluster);

        var outcome = await RemediateAsync(cluster, "kube-system", "calico-node", ("Runner__AllowUndo", "true"), ("Runner__AllowNamespaces", "kube-system"));

        Assert.Equal((RemediationResult.RolledOut, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Equal("docker.io/calico/node:v3.27.3", cluster.Store.GetRequired(ResourceTypes.DaemonSets, "kube-system", "calico-node").As<V1DaemonSet>().Spec.Template.Spec.Containers[0].Image);
        var undone = Assert.Single(Events(cluster, "kube-system"), e => e.Reason == "RolloutUndone");
        Assert.Matches(@"^rolled back to revision \d+ \(image docker\.io/calico/node:v3\.27\.3\)$", undone.Message);
        Assert.Equal("RolloutUndo", undone.Action);
    }

    [Fact]
    public async Task Broken_revision_beside_a_known_false_alarm_is_refused_not_reported_rolled_out()
    {
        await using var cluster = await StartAsync("broken-revision-and-autoscaler");
        await Eventually.HoldsAsync(
            () => cluster.Store.GetRequired(ResourceTypes.DaemonSets, "kube-system", "calico-node").As<V1DaemonSet>().Status?.NumberMisscheduled == 1 && CrashLooping(cluster),
            "a crash-looping updated pod and the autoscaler's misscheduled pod");
        var message = DryRunTests.TerminationMessageFile();

        var outcome = await RemediateAsync(cluster, "kube-system", "calico-node", ("Runner__AllowNamespaces", "kube-system"), ("Runner__TerminationMessagePath", message));

        Assert.Equal((RemediationResult.Declined, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.True(File.Exists(message), "the outcome was written to the termination message");
        var written = await File.ReadAllTextAsync(message, Cancel);
        Assert.StartsWith("declined: kube-system/calico-node: new revision crash-looping", written, StringComparison.Ordinal);
        Assert.Contains("kubectl rollout undo daemonset/calico-node", written, StringComparison.Ordinal);
        Assert.Equal("Warning", Assert.Single(Events(cluster, "kube-system"), e => e.Reason == OutcomeEvent.Declined).Type);
    }

    [Theory]
    [InlineData("insufficient-resources", "monitoring", "datadog-agent", VerdictCause.InsufficientResources)]
    [InlineData("autoscaler-false-alarm", "kube-system", "calico-node", VerdictCause.AutoscalerFalseAlarm)]
    [InlineData("on-delete", "kube-system", "kube-proxy", VerdictCause.OnDeleteWaiting)]
    public async Task Causes_a_restart_cannot_fix_are_declined_and_change_nothing(string scenario, string ns, string name, VerdictCause cause)
    {
        await using var cluster = await StartAsync(scenario);
        await ClusterAnalysis.AnalyzeUntilAsync(cluster, ns, name, r => r.Verdict.Cause == cause && r.Pods.All(p => p.Condition != PodCondition.Starting && p.Condition != PodCondition.ContainerCreating),
            $"the scenario to settle on {cause}, with every pod past its start");
        var before = Pods(cluster, ns).Select(p => p.Metadata.Uid).Order().ToList();
        var generation = cluster.Store.GetRequired(ResourceTypes.DaemonSets, ns, name).As<V1DaemonSet>().Metadata.Generation;

        var outcome = await RemediateAsync(cluster, ns, name, ("Runner__AllowNamespaces", ns));

        Assert.Equal((RemediationResult.Declined, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.Equal(before, Pods(cluster, ns).Select(p => p.Metadata.Uid).Order().ToList());
        Assert.Equal(generation, cluster.Store.GetRequired(ResourceTypes.DaemonSets, ns, name).As<V1DaemonSet>().Metadata.Generation);
    }

    [Fact]
    public async Task Dry_run_opt_out_and_denied_namespace_change_nothing()
    {
        await using var cluster = await StartAsync("stuck-rollout");
        var before = Pods(cluster, "monitoring").Select(p => p.Metadata.Uid).Order().ToList();
        var message = DryRunTests.TerminationMessageFile();

        var dryRun = await RemediateAsync(cluster, "monitoring", "node-exporter", ("Runner__DryRun", "true"), ("Runner__TerminationMessagePath", message));
        var denied = await RemediateAsync(cluster, "monitoring", "node-exporter", ("Runner__DenyNamespaces", "kube-system,monitoring"));
        var ds = cluster.Store.GetRequired(ResourceTypes.DaemonSets, "monitoring", "node-exporter").ToMutable<V1DaemonSet>();
        ds.Metadata.Annotations[RemediationPolicy.OptOutAnnotation] = "disabled";
        cluster.Store.Update(ResourceTypes.DaemonSets, ClusterJson.From(ds));
        var optedOut = await RemediateAsync(cluster, "monitoring", "node-exporter");

        Assert.Equal((RemediationResult.DryRun, RemediationResult.Declined, RemediationResult.Declined), (dryRun.Result, denied.Result, optedOut.Result));
        Assert.All([dryRun, denied, optedOut], outcome => Assert.Equal(RemediationExit.Done, outcome.Exit));
        var optOut = Assert.Single(Events(cluster, "monitoring"), e => e.Source?.Component == DaemonSetEvents.Component);
        Assert.Equal((OutcomeEvent.Declined, "Warning"), (optOut.Reason, optOut.Type));
        Assert.Contains("openfero.io/remediation=disabled", optOut.Message, StringComparison.Ordinal);
        Assert.Equal(before, Pods(cluster, "monitoring").Select(p => p.Metadata.Uid).Order().ToList());
        Assert.Contains("(force)", await File.ReadAllTextAsync(message, Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_context_is_an_error_exiting_2_and_a_missing_daemonset_is_declined()
    {
        await using var cluster = await StartAsync("healthy");
        var errors = new StringWriter();
        var noContextMessage = DryRunTests.TerminationMessageFile();
        var goneMessage = DryRunTests.TerminationMessageFile();

        var noContext = await RemediateAsync(cluster, new Dictionary<string, string> { ["Runner__TerminationMessagePath"] = noContextMessage }, errors);
        var gone = await RemediateAsync(cluster, "monitoring", "nope", errors, ("Runner__TerminationMessagePath", goneMessage));

        Assert.Equal((RemediationResult.Error, RemediationExit.InvalidContext), (noContext.Result, noContext.Exit));
        Assert.Equal((RemediationResult.Declined, RemediationExit.Done), (gone.Result, gone.Exit));
        Assert.Equal("error: missing OPENFERO_NAMESPACE and OPENFERO_DAEMONSET: the remediation needs the alert's namespace and daemonset labels",
            await File.ReadAllTextAsync(noContextMessage, Cancel));
        Assert.Equal("declined: daemonset monitoring/nope not found: nothing left to remediate", await File.ReadAllTextAsync(goneMessage, Cancel));
        Assert.Equal("missing OPENFERO_NAMESPACE and OPENFERO_DAEMONSET: the remediation needs the alert's namespace and daemonset labels" + Environment.NewLine, errors.ToString());
        var declined = Assert.Single(Events(cluster, "monitoring"), e => e.Source?.Component == DaemonSetEvents.Component);
        Assert.Equal((OutcomeEvent.Declined, "Warning", null), (declined.Reason, declined.Type, declined.InvolvedObject.Uid));
    }

    internal static Task<SimulatedCluster> StartAsync(string scenario) =>
        SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = scenario }, Cancel);

    internal static Task<RemediationOutcome> RemediateAsync(SimulatedCluster cluster, string ns, string name, params (string Key, string Value)[] settings) =>
        RemediateAsync(cluster, ns, name, TextWriter.Null, settings);

    internal static Task<RemediationOutcome> RemediateAsync(SimulatedCluster cluster, string ns, string name, TextWriter errors, params (string Key, string Value)[] settings)
    {
        var env = Env(ns, name);
        env["Runner__TerminationMessagePath"] = Path.Combine(Path.GetTempPath(), "openfero-tests-no-termination-log", "termination-log");
        foreach (var (key, value) in settings)
        {
            env[key] = value;
        }

        return RemediateAsync(cluster, env, errors);
    }

    /// <summary>The remediate verb's host, as a Job pod's container runs it, with <paramref name="environment"/> and a kubeconfig for the cluster.</summary>
    internal static async Task<RemediationOutcome> RemediateAsync(SimulatedCluster cluster, Dictionary<string, string> environment, TextWriter errors, TimeProvider? clock = null)
    {
        var folder = Directory.CreateTempSubdirectory("openfero-remediate-").FullName;
        try
        {
            var kubeconfig = Path.Combine(folder, "kubeconfig");
            cluster.WriteKubeconfig(kubeconfig);
            environment["Kubernetes__Kubeconfig"] = kubeconfig;
            var builder = RemediateCommand.CreateHostBuilder(environment);
            if (clock is not null)
            {
                // The runner's waits and deadlines on the test's clock; the last registration is the one resolved.
                builder.Services.AddSingleton(clock);
            }

            return await RemediateCommand.RunAsync(builder, errors, Cancel);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> Env(string ns, string name) => new() { ["OPENFERO_NAMESPACE"] = ns, ["OPENFERO_DAEMONSET"] = name };

    internal static List<V1Pod> Pods(SimulatedCluster cluster, string ns) => [.. cluster.Store.List(ResourceTypes.Pods, ns).Select(p => p.As<V1Pod>())];

    internal static List<Corev1Event> Events(SimulatedCluster cluster, string ns) => [.. cluster.Store.List(ResourceTypes.Events, ns).Select(e => e.As<Corev1Event>())];

    private static bool CrashLooping(SimulatedCluster cluster) =>
        Pods(cluster, "kube-system").Any(p => p.Status?.ContainerStatuses?.Any(c => c.State?.Waiting?.Reason == "CrashLoopBackOff") == true);

    private static Task CrashLoopingAsync(SimulatedCluster cluster) =>
        Eventually.HoldsAsync(() => CrashLooping(cluster), "an updated pod in CrashLoopBackOff");
}
