using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Dispatch;
using OpenFero.DaemonSet.Events;
using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Tests.Analysis;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Webhook;

/// <summary>
/// KubeDaemonSetNotScheduled and KubeDaemonSetMisScheduled, as test-alerts/ holds them, posted to the playground: the
/// server with every shipped Operarius applied, and Job pods running the runner in-process. Each gets a Job of its
/// built-in Operarius in analysis-only mode, which ends <c>analyzed</c> on the Job, in the history and in the metrics,
/// with the DaemonSet unchanged.
/// </summary>
public sealed class AnalysisOnlyOperariiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("kube-daemonset-not-scheduled.json", "tainted-node", "logging", "fluent-bit", VerdictCause.UntoleratedTaint, "openfero-daemonset-not-scheduled")]
    [InlineData("kube-daemonset-misscheduled.json", "misscheduled", "kube-system", "cilium", VerdictCause.Misscheduled, "openfero-daemonset-misscheduled")]
    public async Task The_alert_gets_a_job_of_its_analysis_only_operarius_that_ends_analyzed_and_changes_nothing(
        string alert, string scenario, string ns, string name, VerdictCause settled, string operarius)
    {
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("openfero-analysis-only-").FullName, "kubeconfig");
        await using var playground = await PlaygroundSystem.StartAsync(scenario, kubeconfig, ["--urls", "http://127.0.0.1:0", "--Serilog:MinimumLevel:Default", "Warning"], Cancel);
        var server = await ServerHost.ReadyClientAsync(playground.Server);
        using var client = new k8s.Kubernetes(playground.Cluster.ClientConfiguration());
        await ClusterAnalysis.AnalyzeUntilAsync(playground.Cluster, ns, name,
            r => r.Verdict.Cause == settled && r.Pods.All(p => p.Condition is not (PodCondition.Starting or PodCondition.ContainerCreating)), $"the scenario to settle on {settled}");
        var pods = Pods(playground, ns);
        var generation = (await client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: Cancel)).Metadata.Generation;

        var answers = (await (await server.PostJsonAsync(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "test-alerts", alert), Cancel))).JsonAsync())["alerts"]!.AsArray();

        Assert.All(answers, a => Assert.Equal(("jobCreated", operarius), (a!["outcome"]!.GetValue<string>(), a["operarius"]!.GetValue<string>())));
        var jobName = answers.Single(a => a!["target"]!["name"]!.GetValue<string>() == name)!["job"]!.GetValue<string>();
        var job = await client.BatchV1.ReadNamespacedJobAsync(jobName, "openfero", cancellationToken: Cancel);
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal(["remediate"], container.Args);
        Assert.Equal("true", Assert.Single(container.Env, e => e.Name == "Runner__AnalyzeOnly").Value);
        Assert.DoesNotContain(container.Env, e => e.Name == "Runner__DeleteMisscheduledPods" && e.Value != "false");
        var finished = await Eventually.ReachesAsync(() => client.BatchV1.ReadNamespacedJobAsync(jobName, "openfero", cancellationToken: Cancel),
            j => j.Metadata.Annotations?.ContainsKey(RemediationResults.OutcomeAnnotation) == true, $"Job {jobName}'s outcome on the Job", TimeSpan.FromMinutes(1));
        Assert.Equal("analyzed", finished.Metadata.Annotations[RemediationResults.OutcomeAnnotation]);
        Assert.StartsWith($"{ns}/{name}: ", finished.Metadata.Annotations[JobOutcome.MessageAnnotation], StringComparison.Ordinal);
        Assert.EndsWith("analysis only, nothing changed.", finished.Metadata.Annotations[JobOutcome.MessageAnnotation], StringComparison.Ordinal);
        var history = JsonNode.Parse(await server.GetStringAsync(new Uri("/api/remediations", UriKind.Relative), Cancel))!.AsArray()
            .Single(r => r!["job"]!.GetValue<string>() == jobName)!;
        Assert.Equal("analyzed", history["outcome"]!.GetValue<string>());
        Assert.Contains("openfero_remediation_outcomes_total{outcome=\"analyzed\"} ", await server.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel), StringComparison.Ordinal);
        Assert.Equal(pods, Pods(playground, ns));
        Assert.Equal(generation, (await client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: Cancel)).Metadata.Generation);
        var analyzed = Assert.Single((await client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: Cancel)).Items,
            e => e.Source?.Component == DaemonSetEvents.Component && e.Reason == OutcomeEvent.Analyzed);
        Assert.Equal(("Normal", name), (analyzed.Type, analyzed.InvolvedObject.Name));
    }

    private static List<string> Pods(PlaygroundSystem playground, string ns) =>
        [.. Remediation.RemediationScenarioTests.Pods(playground.Cluster, ns).Select(p => $"{p.Metadata.Uid} {p.Metadata.DeletionTimestamp is not null}").Order(StringComparer.Ordinal)];
}
