using OpenFero.DaemonSet.Remediation;

namespace OpenFero.DaemonSet.Tests.Remediation;

/// <summary>A dry run reads, plans and says what it would do, and writes nothing to the cluster.</summary>
public sealed class DryRunTests
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    [Fact]
    public async Task Dry_run_writes_nothing_and_exits_0_with_outcome_dry_run_when_the_real_run_would_act()
    {
        await using var cluster = await RemediationScenarioTests.StartAsync("stuck-rollout");
        var message = TerminationMessageFile();
        cluster.Requests.Reset();

        var outcome = await RemediationScenarioTests.RemediateAsync(cluster, "monitoring", "node-exporter",
            ("Runner__DryRun", "true"), ("Runner__TerminationMessagePath", message));

        var writes = cluster.Requests.Snapshot().Where(r => WriteVerbs.Contains(r.Key.Split(' ')[0])).ToList();
        Assert.Empty(writes);
        Assert.Equal((RemediationResult.DryRun, RemediationExit.Done), (outcome.Result, outcome.Exit));
        Assert.True(File.Exists(message), "the plan was written to the termination message");
        var written = await File.ReadAllTextAsync(message, TestContext.Current.CancellationToken);
        Assert.StartsWith("dryRun: dry run, nothing done: monitoring/node-exporter:", written, StringComparison.Ordinal);
        Assert.Contains("on node-2 (force)", written, StringComparison.Ordinal);
    }

    internal static string TerminationMessageFile() =>
        Path.Combine(Directory.CreateTempSubdirectory("termination-").FullName, "termination-log");
}
