using OpenFero.DaemonSet.Simulation.Hosting;

namespace OpenFero.DaemonSet.Simulation.Tests.Kubectl;

/// <summary>A Job pod's end as the kubelet reports it: the termination message and reason; an image nobody can pull.</summary>
public sealed class KubectlJobPodTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_handlers_termination_message_shows_in_describe_pod_and_its_file_goes_with_the_pod()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, Cancel);
        using var kubectl = new KubectlRunner(cluster);
        var path = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.JobHandlers.Register("example.com/remediate", async (pod, cancellationToken) =>
        {
            await File.WriteAllTextAsync(pod.TerminationMessagePath!, "rolledOut: node-exporter rolled out", cancellationToken);
            path.SetResult(pod.TerminationMessagePath!);
            return 0;
        });
        await KubectlLogsTests.CreateJobAsync(kubectl, "demo", "example.com/remediate:1");
        await Eventually.ReachesAsync(() => kubectl.SucceedAsync("get job demo -n openfero -o jsonpath={.status.succeeded}"), s => s == "1", "the Job to succeed");

        var describe = await kubectl.SucceedAsync("describe pod -n openfero -l job-name=demo");
        var message = await kubectl.SucceedAsync("get pods -n openfero -l job-name=demo -o jsonpath={.items[0].status.containerStatuses[0].state.terminated.message}");
        var file = await path.Task;
        var existedWhileThePodWas = File.Exists(file);
        await kubectl.SucceedAsync("delete pods -n openfero -l job-name=demo --wait=true --timeout=30s");

        Assert.Equal("rolledOut: node-exporter rolled out", message);
        Assert.Matches(@"Reason:\s+Completed", describe);
        Assert.Matches(@"Message:\s+rolledOut: node-exporter rolled out", describe);
        Assert.True(existedWhileThePodWas);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_job_pod_whose_image_cannot_be_pulled_stays_pending_in_image_pull_back_off_and_the_job_stays_active()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Scenario = "healthy" }, Cancel);
        using var kubectl = new KubectlRunner(cluster);
        await KubectlLogsTests.CreateJobAsync(kubectl, "unpullable", "example.com/nobody-has-this:1");

        await Eventually.ReachesAsync(() => kubectl.SucceedAsync("get pods -n openfero -l job-name=unpullable --no-headers"),
            pods => pods.Contains("ImagePullBackOff", StringComparison.Ordinal), "the Job's pod to be in ImagePullBackOff");
        var describe = await kubectl.SucceedAsync("describe pod -n openfero -l job-name=unpullable");
        var phase = await kubectl.SucceedAsync("get pods -n openfero -l job-name=unpullable -o jsonpath={.items[*].status.phase}");
        var waiting = await kubectl.SucceedAsync("get pods -n openfero -l job-name=unpullable -o jsonpath={.items[0].status.containerStatuses[0].state.waiting.message}");
        var active = await kubectl.SucceedAsync("get job unpullable -n openfero -o jsonpath={.status.active}/{.status.failed}");
        var logs = await kubectl.RunAsync("logs job/unpullable -n openfero");

        Assert.Equal("Pending", phase);
        Assert.Matches(@"Reason:\s+ImagePullBackOff", describe);
        Assert.Equal("Back-off pulling image \"example.com/nobody-has-this:1\"", waiting);
        Assert.Equal("1/", active);
        Assert.NotEqual(0, logs.ExitCode);
        Assert.Contains("is waiting to start: trying and failing to pull image", logs.Error, StringComparison.Ordinal);
    }
}
