using OpenFero.DaemonSet.Semantics;
using OpenFero.DaemonSet.Simulation.Scenarios;

namespace OpenFero.DaemonSet.Simulation.Tests.Controllers;

public sealed class RollingUpdateBudgetTests
{
    [Theory]
    [InlineData("1", "0", 1)]
    [InlineData("2", "0", 2)]
    [InlineData("25%", "0", 2)]
    public async Task Delete_first_rollout_never_has_more_nodes_without_an_available_pod_than_maxUnavailable(string maxUnavailable, string maxSurge, int budget)
    {
        await using var run = new ScenarioRun(Rollout(maxUnavailable, maxSurge));
        var worst = 0;

        run.RunFor(TimeSpan.FromMinutes(2), () =>
        {
            var ds = run.DaemonSet("monitoring", "agent");
            var available = run.Pods("monitoring").Where(p => p.Metadata.DeletionTimestamp is null && DaemonPods.IsAvailable(p, 0, run.Time.GetUtcNow()))
                .Select(p => p.Spec.NodeName).Distinct().Count();
            worst = Math.Max(worst, 8 - available);
        });

        Assert.Equal(budget, worst);
        Assert.True(RolloutStatus.Evaluate(run.DaemonSet("monitoring", "agent")).Done);
    }

    [Fact]
    public async Task Create_first_rollout_with_maxSurge_1_never_runs_more_than_one_extra_pod()
    {
        await using var run = new ScenarioRun(Rollout("0", "1"));
        var most = 0;

        run.RunFor(TimeSpan.FromMinutes(2), () => most = Math.Max(most, run.Pods("monitoring").Count(p => p.Metadata.DeletionTimestamp is null)));

        Assert.Equal(9, most);
        Assert.True(RolloutStatus.Evaluate(run.DaemonSet("monitoring", "agent")).Done);
        Assert.Equal(8, run.Pods("monitoring").Count);
    }

    private static Scenario Rollout(string maxUnavailable, string maxSurge) => ScenarioCatalog.Parse($"""
        name: budget
        podStartSeconds: 2
        nodes:
          - count: 8
        daemonSets:
          - namespace: monitoring
            name: agent
            previousImage: agent:1
            image: agent:2
            maxUnavailable: "{maxUnavailable}"
            maxSurge: "{maxSurge}"
        """, "budget.yaml");
}
