using OpenFero.DaemonSet.Playground;
using OpenFero.DaemonSet.Simulation.Controllers;

namespace OpenFero.DaemonSet.Tests.Hosting;

/// <summary>
/// The runner acts only in the namespaces its install allows, and kube-system only when listed. The playground's
/// install lists its scenario's namespaces, so a kube-system scenario shows the remediation, not a refusal.
/// </summary>
public sealed class PlaygroundRunnerNamespacesTests
{
    [Fact]
    public async Task The_playground_runner_may_act_in_its_scenarios_kube_system_daemonset()
    {
        var folder = Directory.CreateTempSubdirectory("openfero-playground-").FullName;
        await using var playground = await PlaygroundSystem.StartAsync("broken-revision", Path.Combine(folder, "kubeconfig"),
            ["--urls", "http://127.0.0.1:0", "--Logging:Format", "text", "--Serilog:MinimumLevel:Default", "Warning"], TestContext.Current.CancellationToken);
        // The handler the playground's Job pods run, called as the simulated kubelet calls it; a dry run, so it ends
        // with its plan instead of waiting for a rollout.
        var runner = playground.Cluster.JobHandlers.Find(PlaygroundRunner.Image);
        Assert.NotNull(runner);
        using var log = new StringWriter();
        var environment = new Dictionary<string, string>
        {
            ["OPENFERO_NAMESPACE"] = "kube-system",
            ["OPENFERO_DAEMONSET"] = "calico-node",
            ["Runner__DryRun"] = "true",
            ["Runner__TerminationMessagePath"] = Path.Combine(folder, "termination-log"),
        };

        var exit = await runner(new JobPodContext("openfero", "remediate-test", PlaygroundRunner.Image, environment, [], ["remediate"],
            playground.Cluster.BaseAddress, log), TestContext.Current.CancellationToken);

        Assert.Equal("kube-system", playground.RunnerNamespaces);
        Assert.NotEqual(4, exit);
        Assert.DoesNotContain("not allowed", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("calico-node", log.ToString(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
