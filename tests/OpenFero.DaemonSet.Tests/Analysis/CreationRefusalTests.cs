using k8s.Models;
using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Simulation.Controllers;
using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Simulation.Store;

namespace OpenFero.DaemonSet.Tests.Analysis;

/// <summary>
/// A node with no daemon pod because the API server refuses the controller's creates: the analysis quotes the
/// refusal from the DaemonSet's FailedCreate Events, names it in the verdict, and says what fixes it.
/// </summary>
public sealed class CreationRefusalTests
{
    private const string QuotaMessage = "pods \"agent-\" is forbidden: exceeded quota: pods-limit, requested: pods=1, used: pods=3, limited: pods=3";

    [Fact]
    public void A_used_up_quota_is_the_verdict_with_its_use_against_its_limit_and_the_fix()
    {
        var report = Analyze(FailedCreate("Error creating: " + QuotaMessage, count: 7, ago: TimeSpan.FromMinutes(2)));

        Assert.Equal((VerdictCause.PodCreationRefused, "pod creation refused on 1 node: exceeded quota: pods-limit (pods=3/3)"), (report.Verdict.Cause, report.Verdict.Summary));
        var node = Assert.Single(report.NotScheduled);
        Assert.Equal(("node-1", UnscheduledReason.CreationRefused), (node.Node, node.Reason));
        Assert.Equal((QuotaMessage, 7, "pods-limit"), (node.Refusal!.Message, node.Refusal.Events, node.Refusal.Quota));
        Assert.EndsWith(QuotaMessage, node.Detail, StringComparison.Ordinal);
        Assert.StartsWith("raise the ResourceQuota pods-limit in default", node.Refusal.Recommendation, StringComparison.Ordinal);
        Assert.Contains("system-node-critical from it with a scopeSelector", node.Refusal.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quota_on_several_resources_shows_each_exceeded_one_used_against_its_limit()
    {
        var report = Analyze(FailedCreate("Error creating: pods \"agent-\" is forbidden: exceeded quota: compute, requested: requests.cpu=200m,requests.memory=256Mi, used: requests.cpu=1900m,requests.memory=3840Mi, limited: requests.cpu=2,requests.memory=4Gi"));

        Assert.Equal("pod creation refused on 1 node: exceeded quota: compute (requests.cpu=1900m/2, requests.memory=3840Mi/4Gi)", report.Verdict.Summary);
    }

    [Fact]
    public void An_admission_webhooks_denial_is_named_with_the_webhook()
    {
        var report = Analyze(FailedCreate("Error creating: admission webhook \"validate.kyverno.svc-fail\" denied the request: policy require-labels: label team is required"));

        Assert.Equal("pod creation refused on 1 node: admission webhook \"validate.kyverno.svc-fail\" denied the request: policy require-labels: label team is required", report.Verdict.Summary);
        Assert.StartsWith("the admission webhook \"validate.kyverno.svc-fail\" denies the daemon pod", report.NotScheduled[0].Refusal!.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_refusal_is_quoted_after_the_forbidden_object()
    {
        var report = Analyze(FailedCreate("Error creating: pods \"agent-\" is forbidden: violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)"));

        Assert.Equal("pod creation refused on 1 node: violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)", report.Verdict.Summary);
    }

    [Fact]
    public void A_refusal_older_than_the_controllers_longest_retry_no_longer_explains_a_missing_pod()
    {
        var report = Analyze(FailedCreate("Error creating: " + QuotaMessage, ago: CreationRefusals.Recent + TimeSpan.FromMinutes(1)));

        Assert.Equal(UnscheduledReason.NoPodCreated, Assert.Single(report.NotScheduled).Reason);
        Assert.DoesNotContain(report.Causes, c => c.Cause == VerdictCause.PodCreationRefused);
    }

    [Fact]
    public void The_newest_refusal_is_quoted_when_the_message_changed()
    {
        var report = Analyze(
            FailedCreate("Error creating: " + QuotaMessage.Replace("used: pods=3, limited: pods=3", "used: pods=2, limited: pods=2", StringComparison.Ordinal), ago: TimeSpan.FromMinutes(9)),
            FailedCreate("Error creating: " + QuotaMessage, ago: TimeSpan.FromMinutes(1)));

        Assert.Equal(QuotaMessage, report.NotScheduled[0].Refusal!.Message);
    }

    [Fact]
    public async Task The_reader_lists_the_daemonsets_FailedCreate_events_only_when_a_node_lacks_its_pod()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Snapshots.Now);
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "quota-exhausted", Time = time, StepControllers = true }, TestContext.Current.CancellationToken);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(1); elapsed += ClusterControllers.Tick)
        {
            cluster.Controllers!.ReconcileOnce();
            time.Advance(ClusterControllers.Tick);
        }

        cluster.Requests.Reset();
        var refused = await ClusterAnalysis.AnalyzeAsync(cluster, "logging", "promtail");
        var listed = cluster.Requests.Count("list", "events");
        var quota = cluster.Store.GetRequired(ResourceTypes.ResourceQuotas, "logging", "pods-limit").CloneJson();
        quota["spec"]!["hard"]!["pods"] = "4";
        cluster.Store.Update(ResourceTypes.ResourceQuotas, quota);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(2); elapsed += ClusterControllers.Tick)
        {
            cluster.Controllers!.ReconcileOnce();
            time.Advance(ClusterControllers.Tick);
        }

        cluster.Requests.Reset();
        var placed = await ClusterAnalysis.AnalyzeAsync(cluster, "logging", "promtail");

        Assert.Equal((1, VerdictCause.PodCreationRefused), (listed, refused.Verdict.Cause));
        Assert.Equal(0, cluster.Requests.Count("list", "events"));
        Assert.Empty(placed.NotScheduled);
    }

    private static DaemonSetReport Analyze(params Corev1Event[] events) =>
        DaemonSetAnalyzer.Analyze(Snapshots.Of(Snapshots.DaemonSet()) with { FailedCreates = events }, new AnalysisOptions(), Snapshots.Now);

    private static Corev1Event FailedCreate(string message, int count = 1, TimeSpan? ago = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "agent." + Guid.NewGuid().ToString("N"), NamespaceProperty = "default" },
        InvolvedObject = new V1ObjectReference { Kind = "DaemonSet", Name = "agent", NamespaceProperty = "default", Uid = "ds-uid", ApiVersion = "apps/v1" },
        Type = "Warning",
        Reason = "FailedCreate",
        Message = message,
        Count = count,
        FirstTimestamp = (Snapshots.Now - (ago ?? TimeSpan.Zero) - TimeSpan.FromMinutes(5)).UtcDateTime,
        LastTimestamp = (Snapshots.Now - (ago ?? TimeSpan.Zero)).UtcDateTime,
        Source = new V1EventSource { Component = "daemonset-controller" },
    };
}
