using OpenFero.DaemonSet.Simulation.Hosting;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// Every executable stops within 5 s of SIGTERM, well inside Kubernetes' 30 s grace period. A host that
/// serves until stopped exits 0 (stopping is its normal end); work that was cut short exits 143 (128 +
/// SIGTERM), so a remediation Job interrupted half-way is never counted as a rollout that succeeded.
/// </summary>
[Collection(StopTimingCollection.Name)]
public sealed class SigtermTests
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_playground_exits_0_within_5_s_of_SIGTERM()
    {
        // The playground writes its kubeconfig under the temporary folder: a folder of its own, so another playground
        // running on the machine (a person's, another test run's) is never the cluster this one's server talks to.
        var temp = Directory.CreateTempSubdirectory("openfero-sigterm-").FullName;
        await using var playground = HostProcess.Start("OpenFero.DaemonSet.Playground.dll", ["--urls", "http://127.0.0.1:0"],
            environment: new Dictionary<string, string> { ["TMPDIR"] = temp });
        await playground.WaitForLineAsync(l => l.Contains("OpenFero.DaemonSet playground:", StringComparison.Ordinal), "playground banner");

        Assert.Equal(0, await TerminateAsync(playground));
        Assert.True(File.Exists(Path.Combine(temp, "openfero-playground", "kubeconfig")), "the playground's kubeconfig is not in its own temporary folder");
        Directory.Delete(temp, recursive: true);
    }

    [Fact]
    public async Task The_remediate_verb_exits_143_within_5_s_of_SIGTERM_while_it_waits_for_the_rollout()
    {
        // Without controllers the rollout never moves: the runner is still waiting when it is stopped.
        await using var cluster = await SimulatedCluster.StartAsync(
            new SimulatedClusterOptions { Scenario = "stuck-rollout", RunControllers = false }, TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("openfero-remediate-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);
        await using var runner = HostProcess.Start("OpenFero.DaemonSet.dll", ["remediate", "--kubeconfig", kubeconfig], environment: new Dictionary<string, string>
        {
            ["OPENFERO_NAMESPACE"] = "monitoring",
            ["OPENFERO_DAEMONSET"] = "node-exporter",
        });
        await runner.WaitForLineAsync(l => l.Contains("LogRolloutProgress", StringComparison.Ordinal), "the runner's rollout wait");

        Assert.Equal(143, await TerminateAsync(runner));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_remediation_benchmark_exits_143_within_5_s_of_SIGTERM()
    {
        await using var benchmark = HostProcess.Start("OpenFero.DaemonSet.Benchmarks.dll", ["remediation"], workingDirectory: RepositoryRoot.Path);
        await benchmark.WaitForLineAsync(l => l.StartsWith("remediation: run 1 of 3, alert posted", StringComparison.Ordinal), "the benchmark's first alert");

        Assert.Equal(143, await TerminateAsync(benchmark));
    }

    private static async Task<int> TerminateAsync(HostProcess host)
    {
        await host.TerminateAsync();
        var exit = await host.WaitForExitAsync(StopBound);
        Assert.True(exit is not null, $"still running {StopBound} after SIGTERM:\n{host.Output}");
        return exit.Value;
    }
}
