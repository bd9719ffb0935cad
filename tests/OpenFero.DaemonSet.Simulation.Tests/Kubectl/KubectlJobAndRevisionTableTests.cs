using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>kubectl get jobs and controllerrevisions print kubectl 1.32's columns, wide ones included.</summary>
public sealed class KubectlJobAndRevisionTableTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_jobs_wide_prints_status_completions_duration_age_containers_images_and_selector()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, Cancel);
        cluster.JobHandlers.Register("example.com/remediate", (_, _) => Task.FromResult(0));
        using var kubectl = new KubectlRunner(cluster);
        await KubectlLogsTests.CreateJobAsync(kubectl, "demo", "example.com/remediate:1");
        var uid = await kubectl.SucceedAsync("get job demo -n openfero -o jsonpath={.metadata.uid}");
        await Eventually.ReachesAsync(() => kubectl.SucceedAsync("get job demo -n openfero -o jsonpath={.status.succeeded}"), s => s == "1", "the Job to succeed");

        var lines = (await kubectl.SucceedAsync("get jobs -n openfero -o wide")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"], Words(lines[0]));
        Assert.Equal(["demo", "Complete", "1/1"], Words(lines[1])[..3]);
        Assert.Equal(["remediate", "example.com/remediate:1", $"batch.kubernetes.io/controller-uid={uid}"], Words(lines[1])[^3..]);
    }

    [Fact]
    public async Task Get_controllerrevisions_prints_the_controller_and_the_revision()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy", RunControllers = false }, Cancel);
        using var kubectl = new KubectlRunner(cluster);

        var lines = (await kubectl.SucceedAsync("get controllerrevisions -n monitoring")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var wide = (await kubectl.SucceedAsync("get controllerrevisions -n monitoring -o wide")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["NAME", "CONTROLLER", "REVISION", "AGE"], Words(lines[0]));
        Assert.Equal(["NAME", "CONTROLLER", "REVISION", "AGE"], Words(wide[0]));
        Assert.Contains(lines, line => Words(line) is [var name, "daemonset.apps/node-exporter", "1", _] && name.StartsWith("node-exporter-", StringComparison.Ordinal));
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
