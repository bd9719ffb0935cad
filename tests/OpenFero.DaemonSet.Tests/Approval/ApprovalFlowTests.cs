using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Approval;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Tests.Infrastructure;
using OpenFero.DaemonSet.Tests.Peers;

namespace OpenFero.DaemonSet.Tests.Approval;

/// <summary>
/// Approval with Kubernetes' own means, end to end: the server creates the Job suspended with its plan, the real kubectl
/// unsuspends it, the real runner carries the plan out; and the Job holds its DaemonSet like a running one meanwhile.
/// </summary>
public sealed class ApprovalFlowTests
{
    private const string Unsuspend = """{"spec":{"suspend":false}}""";

    [Fact]
    public async Task Under_required_approval_the_job_waits_suspended_with_its_plan_and_rolls_out_once_kubectl_unsuspends_it()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        var server = await host.StartServerAsync("--Remediation:Approval", "Required");
        var kubectl = new Kubectl(host.Kubeconfig);

        var (outcome, job, plan) = await ApprovalWorld.AlertAsync(server);
        var waiting = await world.JobAsync(job!);
        var table = await kubectl.OutputAsync("get", "jobs", "-n", "openfero");
        var history = await ApprovalWorld.HistoryAsync(server, job!);
        var next = await ApprovalWorld.AlertAsync(server, Deliveries.RolloutStuckStartingAt("2026-11-22T23:38:45Z"));
        var announced = await Eventually.ReachesAsync(() => world.EventsAsync("monitoring", ApprovalGate.RequiredReason), e => e.Count > 0, "the ApprovalRequired Event on the DaemonSet");
        var podsWhileWaiting = await world.PodsOfAsync(job!);
        var startedWhileWaiting = (await world.EventsAsync("monitoring", "RemediationStarted")).Count;
        await kubectl.OutputAsync("patch", "job", job!, "-n", "openfero", "--type", "merge", "-p", Unsuspend);
        var ended = await world.OutcomeAsync(job!);

        Assert.Equal("awaitingApproval", outcome);
        Assert.Contains("monitoring/node-exporter: ", plan, StringComparison.Ordinal);
        Assert.Contains("plan: delete node-exporter-", plan, StringComparison.Ordinal);
        Assert.True(waiting.Spec.Suspend);
        Assert.Equal(plan, waiting.Metadata.Annotations[ApprovalRequests.PlanAnnotation]);
        Assert.StartsWith("OldPodsCannotRun: delete node-exporter-", Signature(waiting), StringComparison.Ordinal);
        Assert.Equal(0, podsWhileWaiting);
        Assert.Equal(0, startedWhileWaiting);
        Assert.Single(await world.EventsAsync("monitoring", "RemediationStarted"));
        Assert.Matches($@"(?m)^{job}\s+Suspended\s", table);
        Assert.Equal("awaitingApproval", history["state"]!.GetValue<string>());
        Assert.Equal(("cooldown", job), (next.Outcome, next.Job));
        Assert.Contains($"kubectl patch job {job} -n openfero --type merge -p '{Unsuspend}'", announced[0].Message, StringComparison.Ordinal);
        Assert.Equal("Normal", announced[0].Type);
        Assert.Equal("rolledOut", ended);
        Assert.Single(await world.EventsAsync("monitoring", "StuckPodDeleted"));
    }

    [Fact]
    public async Task A_situation_that_changed_after_the_plan_stops_the_approved_run_before_it_acts()
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        var server = await host.StartServerAsync("--Remediation:Approval", "Required");
        var kubectl = new Kubectl(host.Kubeconfig);
        var (_, job, _) = await ApprovalWorld.AlertAsync(server);

        // Someone fixes it by hand before approving: the stuck old pod is force-deleted and the rollout finishes.
        var stuck = (await host.Client.CoreV1.ListNamespacedPodAsync("monitoring", cancellationToken: TestContext.Current.CancellationToken)).Items
            .Single(p => p.Metadata.DeletionTimestamp is not null);
        await kubectl.OutputAsync("delete", "pod", stuck.Metadata.Name, "-n", "monitoring", "--force", "--grace-period=0");
        await Eventually.HoldsAsync(async () => (await kubectl.RunAsync("rollout", "status", "daemonset/node-exporter", "-n", "monitoring", "--timeout=1s")).ExitCode == 0,
            "the rollout to finish once the stuck pod is gone", TimeSpan.FromMinutes(1));
        var generation = (await host.Client.AppsV1.ReadNamespacedDaemonSetAsync("node-exporter", "monitoring", cancellationToken: TestContext.Current.CancellationToken)).Metadata.Generation;
        await kubectl.OutputAsync("patch", "job", job!, "-n", "openfero", "--type", "merge", "-p", Unsuspend);
        var ended = await world.OutcomeAsync(job!);
        var message = await world.AnnotationAsync(job!, "openfero.io/outcome-message");
        var changed = Assert.Single(await world.EventsAsync("monitoring", OutcomeEvent.SituationChanged));

        Assert.Equal("situationChanged", ended);
        Assert.Contains("approved \"OldPodsCannotRun: delete node-exporter-", message, StringComparison.Ordinal);
        Assert.Contains("found \"RolledOut: nothing (rolledOut)\"", message, StringComparison.Ordinal);
        Assert.Equal("Warning", changed.Type);
        Assert.Empty(await world.EventsAsync("monitoring", "StuckPodDeleted"));
        Assert.Empty(await world.EventsAsync("monitoring", "RolloutRestarted"));
        Assert.Equal(generation, (await host.Client.AppsV1.ReadNamespacedDaemonSetAsync("node-exporter", "monitoring", cancellationToken: TestContext.Current.CancellationToken)).Metadata.Generation);
    }

    [Theory]
    [InlineData("None", "required", "awaitingApproval", true)]
    [InlineData("Required", "none", "jobCreated", false)]
    public async Task The_operarius_annotation_overrides_the_servers_approval_setting(string setting, string annotation, string expected, bool suspended)
    {
        var world = await ApprovalWorld.StartAsync();
        await using var host = world.Host;
        await world.AnnotateOperariusAsync(annotation);
        var server = await host.StartServerAsync("--Remediation:Approval", setting);

        var (outcome, job, _) = await ApprovalWorld.AlertAsync(server);
        var created = await world.JobAsync(job!);

        Assert.Equal(expected, outcome);
        Assert.Equal(suspended, created.Spec.Suspend == true);
        Assert.Equal(suspended, created.Metadata.Annotations.ContainsKey(ApprovalRequests.PlanAnnotation));
    }

    private static string Signature(V1Job job) =>
        job.Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == PlanSignature.Variable).Value;
}
