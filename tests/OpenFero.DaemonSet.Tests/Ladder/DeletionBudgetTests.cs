using OpenFero.DaemonSet.Analysis;
using OpenFero.DaemonSet.Remediation;
using OpenFero.DaemonSet.Tests.Analysis;
using static OpenFero.DaemonSet.Tests.Remediation.RemediationScenarioTests;

namespace OpenFero.DaemonSet.Tests.Ladder;

/// <summary>
/// Pod deletions never leave more pods unavailable than the DaemonSet's maxUnavailable, counting the pods already
/// unavailable; deleting a pod that is already unavailable costs nothing.
/// </summary>
public sealed class DeletionBudgetTests
{
    [Fact]
    public async Task Available_pods_are_deleted_one_at_a_time_within_a_budget_nothing_else_uses()
    {
        var report = await OnDeleteReportAsync();

        var plan = RemediationPlanner.Plan(report, new RemediationPolicy { AllowOnDelete = true });

        var delete = Assert.IsType<RemediationStep.DeletePods>(plan.Steps[0]);
        Assert.Equal((3, 1), (delete.Pods.Count, delete.BatchSize));
    }

    [Fact]
    public async Task A_pod_already_unavailable_elsewhere_uses_the_budget_so_no_available_pod_is_deleted()
    {
        var report = await OnDeleteReportAsync();
        // One old pod is kept out of the deletion and crash-loops: it is unavailable, and the budget of 1 is spent.
        var broken = report.Pods[0] with { Condition = PodCondition.CrashLoopBackOff, Ready = false, Updated = true };
        report = report with { Pods = [broken, .. report.Pods.Skip(1)] };

        var plan = RemediationPlanner.Plan(report, new RemediationPolicy { AllowOnDelete = true });

        Assert.Empty(plan.Steps);
        Assert.Equal(RemediationResult.Declined, plan.ResultWhenDone);
        Assert.Equal("2 available pod(s) kept: 1 pod(s) already unavailable use the budget of maxUnavailable 1: nothing deleted now", plan.Recommendation);
    }

    [Fact]
    public async Task With_maxUnavailable_three_and_one_pod_unavailable_elsewhere_batches_hold_two()
    {
        var report = await OnDeleteReportAsync();
        var broken = report.Pods[0] with { Condition = PodCondition.ImagePullBackOff, Ready = false, Updated = true };
        var pods = report.Pods.Skip(1).Select(p => new PodToDelete(p.Name, p.Uid, p.Node, p.Condition, Force: false)).ToList();
        report = report with { Pods = [broken, .. report.Pods.Skip(1)], Status = report.Status! with { ResolvedMaxUnavailable = 3 } };

        var allowed = DeletionBudget.Allow(report, pods);

        Assert.Equal((2, 2, null), (allowed.Pods.Count, allowed.BatchSize, allowed.Held));
    }

    [Fact]
    public async Task Stuck_pods_cost_nothing_and_are_deleted_even_when_the_budget_is_spent()
    {
        var report = await OnDeleteReportAsync();
        var stuck = report.Pods.Select(p => p with { Condition = PodCondition.TerminatingTooLong, Ready = false }).ToList();
        report = report with { Pods = stuck };

        var allowed = DeletionBudget.Allow(report, [.. stuck.Skip(1).Select(p => new PodToDelete(p.Name, p.Uid, p.Node, p.Condition, Force: true))]);

        Assert.Equal((2, 1, null), (allowed.Pods.Count, allowed.BatchSize, allowed.Held));
    }

    private static async Task<DaemonSetReport> OnDeleteReportAsync()
    {
        await using var cluster = await StartAsync("on-delete");
        return await ClusterAnalysis.AnalyzeUntilAsync(cluster, "kube-system", "kube-proxy",
            r => r.Verdict.Cause == VerdictCause.OnDeleteWaiting && r.Pods.Count == 3 && r.Pods.All(p => p.Condition == PodCondition.Healthy), "three healthy old pods");
    }
}
